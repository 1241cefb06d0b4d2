import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, unlinkSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";

/**
 * Serves the embedded database over the Postgres wire protocol on a Unix socket, so the app (and a
 * separate worker process) reaches it through `pg` exactly as it reaches a real Postgres. The engine
 * (PGlite) runs in a worker thread (engine-thread.mjs); this host, on the main thread, only moves
 * bytes: it cuts each connection's stream into batches (up to a Sync or a simple Query), runs one
 * batch at a time, and keeps a connection that is inside a transaction the engine's only client until
 * it commits or rolls back (PGlite has one session, so interleaving two transactions would mix them).
 *
 * PGlite ignores statement_timeout (no timers in WebAssembly). What holds here instead: a transaction
 * that sets a local statement_timeout (lib/db/tenant.ts does) has each later batch timed
 * by this host. A batch that overruns gets Postgres' own "canceling statement due to statement
 * timeout" (SQLSTATE 57014) at once, and the engine thread, which cannot be interrupted, is ended and
 * started again on the same data directory (PGlite recovers like Postgres after a crash), so that the
 * other connections, whose batches wait in the queue, carry on. Only the overrunning transaction is
 * lost. An in-memory database (tests) cannot be restarted without losing its data: there the statement
 * runs to its end in the background and its result is dropped.
 */
export type EmbeddedHost = {
  /** Directory of the socket `.s.PGSQL.<port>`, as libpq and `pg` take it for `host`. */
  socketDir: string;
  port: number;
  user: string;
  status(): EngineStatus;
  close(): Promise<void>;
};

export type EngineStatus = {
  state: "starting" | "ready" | "unusable" | "closed";
  /** How long the batch the engine is running has been running (0 when idle). */
  busyForMs: number;
  /** Batches waiting for the engine. */
  queued: number;
  /** How many times the engine was restarted (a statement overran its timeout, or the thread died). */
  restarts: number;
  error?: string;
};

export const EMBEDDED_OWNER = "lore_owner";
const PORT = 5432;

type Connection = { socket: net.Socket; buffer: Buffer; started: boolean; pending: Buffer[]; statementTimeoutMs: number | null; closed: boolean };
type Batch = { connection: Connection; bytes: Uint8Array };
type Running = { id: number; batch: Batch; startedAt: number; timer?: NodeJS.Timeout; abandoned: boolean };

export function startEmbeddedHost(dataDir: string, sharedBuffers: string, engineScript: string): EmbeddedHost {
  const inMemory = dataDir.startsWith("memory://");
  const socketDir = socketDirectoryFor(dataDir);
  const socketPath = path.join(socketDir, `.s.PGSQL.${PORT}`);
  // A socket file left by a process that died; one process owns the data directory at a time.
  if (existsSync(socketPath)) unlinkSync(socketPath);

  const queue: Batch[] = [];
  const connections = new Set<Connection>();
  let engine: Worker | null = null;
  let state: EngineStatus["state"] = "starting";
  let failure: string | undefined;
  let running: Running | null = null;
  let owner: Connection | null = null;
  let restarts = 0;
  let nextId = 1;
  let closing: Promise<void> | null = null;

  const startEngine = () => {
    state = "starting";
    const worker = new Worker(engineScript, { workerData: { dataDir, owner: EMBEDDED_OWNER, sharedBuffers } });
    engine = worker;
    worker.on("message", (message: EngineMessage) => {
      if (worker !== engine) return;
      if (message.type === "ready") {
        state = "ready";
        dispatch();
      } else if (message.type === "unusable") {
        becomeUnusable(message.error);
      } else if (message.type === "result" || message.type === "failed") {
        finish(message);
      }
    });
    worker.on("error", (error) => {
      if (worker === engine) engineDied(error.message);
    });
    worker.on("exit", (code) => {
      if (worker === engine && state !== "closed") engineDied(`the engine thread exited (code ${code})`);
    });
  };

  const engineDied = (reason: string) => {
    if (inMemory) return becomeUnusable(`the embedded database stopped: ${reason}`);
    restartEngine(reason);
  };

  const restartEngine = (reason: string) => {
    const stopped = engine;
    engine = null;
    if (stopped) void stopped.terminate();
    if (running && !running.abandoned) answerError(running.batch.connection, "57P01", `The embedded database restarted (${reason}).`, "I");
    if (running?.timer) clearTimeout(running.timer);
    running = null;
    owner = null;
    restarts++;
    startEngine();
  };

  const becomeUnusable = (reason: string) => {
    state = "unusable";
    failure = reason;
    for (const batch of queue.splice(0)) answerError(batch.connection, "XX000", reason, "I");
    if (running && !running.abandoned) answerError(running.batch.connection, "XX000", reason, "I");
    running = null;
    owner = null;
  };

  const dispatch = () => {
    if (state !== "ready" || running || !engine) return;
    const index = owner ? queue.findIndex((batch) => batch.connection === owner) : queue.length ? 0 : -1;
    if (index === -1) return;
    const [batch] = queue.splice(index, 1) as [Batch];
    const run: Running = { id: nextId++, batch, startedAt: performance.now(), abandoned: false };
    running = run;
    const timeoutMs = batch.connection.statementTimeoutMs;
    if (timeoutMs) run.timer = setTimeout(() => overran(run, timeoutMs), timeoutMs);
    engine.postMessage({ type: "exec", id: run.id, bytes: batch.bytes });
  };

  const finish = (message: Extract<EngineMessage, { type: "result" | "failed" }>) => {
    const run = running;
    if (!run || run.id !== message.id) return;
    if (run.timer) clearTimeout(run.timer);
    running = null;
    const { connection } = run.batch;
    const bytes = message.type === "result" ? Buffer.from(message.bytes) : errorResponse("XX000", message.error, "I");
    const status = lastReadyStatus(bytes);
    if (!run.abandoned && !connection.closed) connection.socket.write(bytes);
    if (status === "I") {
      connection.statementTimeoutMs = null;
      if (owner === connection) owner = null;
    } else {
      // Inside a transaction, or between the messages of one extended-protocol exchange.
      owner = connection;
      if (connection.closed) queue.unshift({ connection, bytes: simpleQuery("ROLLBACK") });
    }
    dispatch();
  };

  const overran = (run: Running, timeoutMs: number) => {
    if (running !== run) return;
    run.abandoned = true;
    answerError(run.batch.connection, "57014", `canceling statement due to statement timeout (${timeoutMs} ms on the embedded database)`, "E");
    if (!inMemory) restartEngine(`a statement overran its ${timeoutMs} ms timeout`);
  };

  const answerError = (connection: Connection, code: string, message: string, status: "I" | "E") => {
    if (!connection.closed) connection.socket.write(errorResponse(code, message, status));
  };

  const receive = (connection: Connection, data: Buffer) => {
    connection.buffer = connection.buffer.length ? Buffer.concat([connection.buffer, data]) : data;
    for (;;) {
      const { buffer } = connection;
      if (!connection.started) {
        if (buffer.length < 8) return;
        const length = buffer.readInt32BE(0);
        if (buffer.length < length) return;
        const code = buffer.readInt32BE(4);
        connection.buffer = buffer.subarray(length);
        if (code === SSL_REQUEST || code === GSS_REQUEST) {
          connection.socket.write("N");
        } else if (code === CANCEL_REQUEST) {
          // Cancelling is this host's job (statement timeouts); a client's cancel request is not supported.
          connection.socket.end();
          return;
        } else {
          connection.started = true;
          enqueue(connection, buffer.subarray(0, length));
        }
        continue;
      }
      if (buffer.length < 5) return;
      const total = 1 + buffer.readInt32BE(1);
      if (buffer.length < total) return;
      const type = String.fromCharCode(buffer[0]!);
      const message = buffer.subarray(0, total);
      connection.buffer = buffer.subarray(total);
      if (type === "X") {
        connection.socket.end();
        return;
      }
      connection.pending.push(message);
      if (type === "S" || type === "Q" || type === "H") {
        const batch = Buffer.concat(connection.pending);
        connection.pending = [];
        enqueue(connection, batch);
      }
    }
  };

  const enqueue = (connection: Connection, bytes: Buffer) => {
    const timeoutMs = statementTimeoutIn(bytes);
    if (timeoutMs !== null) connection.statementTimeoutMs = timeoutMs;
    if (state === "unusable") return answerError(connection, "XX000", failure ?? "the embedded database is not usable", "I");
    queue.push({ connection, bytes: new Uint8Array(bytes) });
    dispatch();
  };

  const disconnect = (connection: Connection) => {
    if (connection.closed) return;
    connection.closed = true;
    connections.delete(connection);
    for (let i = queue.length - 1; i >= 0; i--) if (queue[i]!.connection === connection) queue.splice(i, 1);
    // A client that went away inside a transaction: its transaction is rolled back before anyone else runs.
    if (owner === connection && running?.batch.connection !== connection) {
      queue.unshift({ connection, bytes: simpleQuery("ROLLBACK") });
      dispatch();
    }
  };

  const server = net.createServer((socket) => {
    const connection: Connection = { socket, buffer: Buffer.alloc(0), started: false, pending: [], statementTimeoutMs: null, closed: false };
    connections.add(connection);
    socket.setNoDelay?.(true);
    socket.on("data", (data) => receive(connection, data));
    socket.on("close", () => disconnect(connection));
    socket.on("error", () => disconnect(connection));
  });
  // Binding happens now, so connections made before the engine is ready wait in the queue.
  server.listen(socketPath);
  server.on("listening", () => chmodSync(socketPath, 0o600));
  startEngine();

  return {
    socketDir,
    port: PORT,
    user: EMBEDDED_OWNER,
    status: () => ({
      state,
      busyForMs: running ? Math.round(performance.now() - running.startedAt) : 0,
      queued: queue.length,
      restarts,
      ...(failure ? { error: failure } : {}),
    }),
    close: () => {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          for (const connection of connections) connection.socket.destroy();
        });
        const stopped = engine;
        state = "closed";
        engine = null;
        if (stopped) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(() => void stopped.terminate().then(() => resolve()), 10_000);
            stopped.on("message", (message: EngineMessage) => {
              if (message.type !== "closed") return;
              clearTimeout(timer);
              void stopped.terminate().then(() => resolve());
            });
            stopped.postMessage({ type: "close" });
          });
        }
        if (inMemory) rmSync(socketDir, { recursive: true, force: true });
      })();
      return closing;
    },
  };
}

type EngineMessage =
  | { type: "ready" }
  | { type: "closed" }
  | { type: "unusable"; error: string }
  | { type: "result"; id: number; bytes: Uint8Array }
  | { type: "failed"; id: number; error: string };

const SSL_REQUEST = 80877103;
const GSS_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;

function socketDirectoryFor(dataDir: string): string {
  // Unix socket paths are limited to about 100 bytes; temporary databases get a short private directory.
  if (dataDir.startsWith("memory://")) return mkdtempSync(path.join(os.tmpdir(), "lore-db-"));
  const dir = embeddedSocketDirectory(dataDir);
  if (Buffer.byteLength(path.join(dir, `.s.PGSQL.${PORT}`)) > 100) {
    throw new Error(`PGLITE_DIR is too long a path for the embedded database's socket (${dir}); choose a shorter one`);
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

/** Where the process that hosts a persistent embedded database listens (another process connects there). */
export function embeddedSocketDirectory(dataDir: string): string {
  return path.join(path.dirname(dataDir), `${path.basename(dataDir)}-socket`);
}

/**
 * The ms of a `SET LOCAL statement_timeout = <n>` or a `set_config('statement_timeout', '<n>', true)`
 * (how lib/db/tenant.ts sets it) in a batch, if any.
 */
function statementTimeoutIn(bytes: Buffer): number | null {
  if (bytes.indexOf("statement_timeout") === -1) return null;
  const match = /statement_timeout'?\s*(?:=|to|,)\s*'?(\d+)'?/i.exec(bytes.toString("latin1"));
  return match ? Number(match[1]) || null : null;
}

/** The transaction status of the last ReadyForQuery in a response ("I" idle, "T" in a transaction, "E" failed one), or null if none. */
function lastReadyStatus(bytes: Buffer): string | null {
  let status: string | null = null;
  for (let offset = 0; offset + 5 <= bytes.length; offset += 1 + bytes.readInt32BE(offset + 1)) {
    if (bytes[offset] === 0x5a) status = String.fromCharCode(bytes[offset + 5]!);
  }
  return status;
}

function errorResponse(code: string, message: string, status: "I" | "E"): Buffer {
  const fields = Buffer.from(`SERROR\0VERROR\0C${code}\0M${message}\0\0`, "utf8");
  const error = Buffer.alloc(5);
  error.write("E", 0, "latin1");
  error.writeInt32BE(4 + fields.length, 1);
  const ready = Buffer.from([0x5a, 0, 0, 0, 5, status.charCodeAt(0)]);
  return Buffer.concat([error, fields, ready]);
}

function simpleQuery(sql: string): Uint8Array {
  const text = Buffer.from(`${sql}\0`, "utf8");
  const header = Buffer.alloc(5);
  header.write("Q", 0, "latin1");
  header.writeInt32BE(4 + text.length, 1);
  return new Uint8Array(Buffer.concat([header, text]));
}
