import "server-only";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { config } from "@/lib/config";
import { LoreError } from "@/lib/errors";
import type { ParsedDocument } from "@/lib/ingest/blocks";
import { tooDeeplyNested } from "@/lib/ingest/parsers/parse-file";
import { logger } from "@/lib/log";

/**
 * Parses an upload in a worker thread (parse-thread.mjs) with a memory limit (`resourceLimits`,
 * PARSE_MEMORY_MB) and a wall-clock limit (PARSE_TIMEOUT_MS), so that no file can take the server
 * down or hold its event loop: a parser that runs out of memory ends only its thread, one that runs
 * too long is ended, and either way the file fails with a plain message and the next file gets a
 * fresh thread. The thread is kept between files (starting one loads every parser, ~1-3 s).
 *
 * Every failure reaches the admin as a plain LoreError naming the file; what a parser library said
 * (XML errors and the like) goes to the log only.
 */
export function parseIsolated(fileName: string, bytes: Uint8Array, limits: ParseLimits = config().parse): Promise<ParsedDocument> {
  const run = queue.then(() => parseOnce(fileName, bytes, limits));
  queue = run.catch(() => undefined);
  return run;
}

type ThreadReply =
  | { ready: true }
  | { id: number; ok: true; parsed: ParsedDocument }
  | {
      id: number;
      ok: false;
      error: { kind: "lore"; type: LoreError["type"]; message: string } | { kind: "nested" | "other"; message: string; stack?: string };
    };

export type ParseLimits = { timeoutMs: number; memoryMb: number };

type ParseThread = { worker: Worker; ready: Promise<void>; memoryMb: number };

// One parse at a time: jobs run one at a time per process, and one thread's memory limit is the budget.
let queue: Promise<unknown> = Promise.resolve();
let thread: ParseThread | null = null;
let nextId = 1;

function parseThread(memoryMb: number): ParseThread {
  if (thread?.memoryMb === memoryMb) return thread;
  if (thread) retire(thread);
  const worker = new Worker(path.resolve(/*turbopackIgnore: true*/ process.cwd(), "lib/ingest/parsers/parse-thread.mjs"), {
    resourceLimits: { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: Math.min(64, Math.ceil(memoryMb / 8)), stackSizeMb: 4 },
  });
  worker.unref();
  const started: ParseThread = {
    worker,
    memoryMb,
    ready: new Promise((resolve, reject) => {
      worker.once("message", () => resolve());
      worker.once("error", reject);
    }),
  };
  worker.on("exit", () => retire(started));
  thread = started;
  return started;
}

/** Ends a thread that failed or overran: the next file gets a fresh one, even before this one has exited. */
function retire(ended: ParseThread): void {
  if (thread === ended) thread = null;
  void ended.worker.terminate();
}

async function parseOnce(fileName: string, bytes: Uint8Array, { timeoutMs, memoryMb }: ParseLimits): Promise<ParsedDocument> {
  const current = parseThread(memoryMb);
  const { worker } = current;
  await current.ready.catch((error: unknown) => {
    // Not the file's fault: the job is tried again later, with a plain reason on the document.
    retire(current);
    logger().error({ err: error }, "the parse thread could not start");
    throw new Error("the document reader could not be started");
  });
  const id = nextId++;
  return new Promise<ParsedDocument>((resolve, reject) => {
    const end = (settle: () => void) => {
      clearTimeout(timer);
      worker.off("message", onMessage);
      worker.off("error", onError);
      worker.off("exit", onExit);
      settle();
    };
    const timer = setTimeout(() => {
      retire(current);
      logger().warn({ fileName, timeoutMs }, "parsing took too long; the parse thread was ended");
      end(() =>
        reject(new LoreError("unprocessable", "documents", `"${fileName}" is too large to parse: reading it took longer than ${duration(timeoutMs)}.`)),
      );
    }, timeoutMs);
    const onMessage = (reply: ThreadReply) => {
      if (!("id" in reply) || reply.id !== id) return;
      if (reply.ok) return end(() => resolve(reply.parsed));
      end(() => reject(failureOf(fileName, reply.error)));
    };
    const onError = (error: Error & { code?: string }) => {
      retire(current);
      const outOfMemory = error.code === "ERR_WORKER_OUT_OF_MEMORY";
      logger().warn({ fileName, err: error }, "the parse thread failed");
      end(() =>
        reject(
          outOfMemory
            ? new LoreError(
                "unprocessable",
                "documents",
                `"${fileName}" is too large to parse: reading it needs more than the ${memoryMb} MB of memory allowed.`,
              )
            : unreadable(fileName),
        ),
      );
    };
    const onExit = () => {
      retire(current);
      end(() => reject(unreadable(fileName)));
    };
    worker.on("message", onMessage);
    worker.on("error", onError);
    worker.on("exit", onExit);
    worker.postMessage({ id, fileName, bytes });
  });
}

function failureOf(fileName: string, error: Extract<ThreadReply, { ok: false }>["error"]): LoreError {
  if (error.kind === "lore") return new LoreError(error.type, "documents", error.message);
  logger().warn({ fileName, parserError: error.message, stack: error.kind === "other" ? error.stack : undefined }, "a parser failed on an upload");
  return error.kind === "nested" ? tooDeeplyNested(fileName) : unreadable(fileName);
}

function duration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

function unreadable(fileName: string): LoreError {
  return new LoreError("unprocessable", "documents", `"${fileName}" could not be read: it may be damaged, or not what its name says.`);
}
