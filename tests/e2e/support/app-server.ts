import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, createWriteStream, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { inject } from "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    /** A data directory the app has migrated and seeded, then closed (see global-setup.ts). */
    seededDataDir: string;
    /** The shared apps' addresses, one per e2e worker (see global-setup.ts). */
    sharedAppURLs: string[];
  }
}

/**
 * The address of the app this test file shares with the files that run before and after it in the
 * same worker. Each worker has its own (Vitest numbers them from 1 in VITEST_POOL_ID), so files
 * running at the same time never share an app: each still has it to itself.
 */
export function sharedAppURL(): string {
  const url = inject("sharedAppURLs")[Number(process.env.VITEST_POOL_ID) - 1];
  if (!url) throw new Error(`no shared app for e2e worker ${process.env.VITEST_POOL_ID}`);
  return url;
}

export type RunningApp = {
  baseURL: string;
  /** the server's process id (its memory can be read from /proc/<pid>/status) */
  pid: number;
  /** the embedded database's directory: another app started on it finds what this one left */
  dataDir: string;
  /** Stops the app (SIGTERM) and removes its data. */
  stop(): Promise<void>;
  /** Stops the app (SIGTERM), which closes its database, and keeps the data. */
  close(): Promise<void>;
  /** Kills the app at once (SIGKILL), as a crash would, leaving its data for the next one. */
  kill(): Promise<void>;
};

/**
 * Starts the built app (scripts/server.mjs, as `npm start` runs it) in a child process on a free
 * port with the given settings; its output goes to tests/e2e/artifacts/<logName>.log. Resolves once
 * /api/health answers. Its data is a copy of the seeded data the e2e setup prepared (the same a fresh
 * start with the demo seed makes, without paying for the seed each time), or a fresh directory when
 * the settings turn the seed off or name their own PGLITE_DIR; `dataDir` starts it on the data
 * another app left (see kill).
 */
export async function startBuiltApp(
  settings: Record<string, string>,
  logName: string,
  port?: number,
  dataDir = settings.LORE_DEMO_SEED === "false" || settings.PGLITE_DIR ? freshDataDir() : copyOf(inject("seededDataDir")),
): Promise<RunningApp> {
  const listenPort = port ?? (await freePort());
  mkdirSync("tests/e2e/artifacts", { recursive: true });
  const log = createWriteStream(`tests/e2e/artifacts/${logName}.log`);
  const server: ChildProcess = spawn(process.execPath, ["scripts/server.mjs"], {
    env: {
      ...process.env,
      PORT: String(listenPort),
      PGLITE_DIR: path.join(dataDir, "pglite"),
      LORE_DEMO_SEED: "true",
      LOG_LEVEL: "warn",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: "",
      LLM_BASE_URL: "",
      LLM_MODEL: "",
      ...settings,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout?.pipe(log);
  server.stderr?.pipe(log);
  const baseURL = `http://127.0.0.1:${listenPort}`;
  const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
  const end = async (signal: NodeJS.Signals) => {
    if (server.exitCode === null && server.signalCode === null) server.kill(signal);
    await exited;
  };
  const stop = async () => {
    await end("SIGTERM");
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(baseURL, server, logName);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseURL, pid: server.pid!, dataDir, stop, close: () => end("SIGTERM"), kill: () => end("SIGKILL") };
}

export function freshDataDir(): string {
  return mkdtempSync(path.join(tmpdir(), "lore-e2e-"));
}

/** A new directory holding a copy of `dataDir`. */
export function copyOf(dataDir: string): string {
  const copy = freshDataDir();
  cpSync(dataDir, copy, { recursive: true });
  return copy;
}

async function waitForHealth(baseURL: string, server: ChildProcess, logName: string): Promise<void> {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`The app exited while starting; see tests/e2e/artifacts/${logName}.log`);
    const ok = await fetch(`${baseURL}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The app did not become healthy within 180 s; see tests/e2e/artifacts/${logName}.log`);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}
