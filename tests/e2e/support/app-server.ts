import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

export const E2E_AUTH_SECRET = "e2e-tests-auth-secret-0123456789abcdef";

export type AppServer = {
  baseURL: string;
  /** the embedded database's directory: a restarted server on it finds everything the last one left */
  dataDir: string;
  /** Stops the server as a deployment would (SIGTERM), waiting for it to exit. */
  stop(): Promise<void>;
  /** Kills the server at once (SIGKILL), as a crash or an out-of-memory kill would. */
  kill(): Promise<void>;
  /** Stops the server and removes its data. */
  dispose(): Promise<void>;
};

/**
 * Starts the built app (`next start`) in a child process on a free port, with the embedded database
 * in `dataDir` (a fresh one by default) and the demo seed, exactly as `npm start` would, plus the
 * given settings. Its output goes to tests/e2e/artifacts/<name>.log.
 */
export async function startApp(name: string, env: Record<string, string> = {}, dataDir = mkdtempSync(path.join(tmpdir(), "lore-e2e-"))): Promise<AppServer> {
  if (!existsSync(".next/BUILD_ID")) throw new Error("No build found: run `npm test` (it builds first) or `npm run build`.");
  const port = await freePort();
  mkdirSync("tests/e2e/artifacts", { recursive: true });
  const log = createWriteStream(`tests/e2e/artifacts/${name}.log`);
  const server: ChildProcess = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "--port", String(port)], {
    env: {
      ...process.env,
      PGLITE_DIR: path.join(dataDir, "pglite"),
      AUTH_SECRET: E2E_AUTH_SECRET,
      LORE_DEMO_SEED: "true",
      LOG_LEVEL: "warn",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: "",
      LLM_BASE_URL: "",
      LLM_MODEL: "",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout?.pipe(log);
  server.stderr?.pipe(log);
  const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
  const end = async (signal: NodeJS.Signals) => {
    if (server.exitCode === null && server.signalCode === null) server.kill(signal);
    await exited;
  };
  const baseURL = `http://127.0.0.1:${port}`;
  const app: AppServer = {
    baseURL,
    dataDir,
    stop: () => end("SIGTERM"),
    kill: () => end("SIGKILL"),
    async dispose() {
      await end("SIGTERM");
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  try {
    await waitForHealth(baseURL, server, name);
  } catch (error) {
    await app.dispose();
    throw error;
  }
  return app;
}

async function waitForHealth(baseURL: string, server: ChildProcess, name: string): Promise<void> {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`The app exited while starting; see tests/e2e/artifacts/${name}.log`);
    const ok = await fetch(`${baseURL}/api/health`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The app did not become healthy within 180 s; see tests/e2e/artifacts/${name}.log`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}
