import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

export const E2E_AUTH_SECRET = "e2e-tests-auth-secret-0123456789abcdef";

export type AppServer = { baseURL: string; stop(): Promise<void> };

/**
 * Starts the built app (`next start`) in a child process on a free port with a fresh embedded
 * database and the demo seed, exactly as `npm start` would. `env` adds or overrides settings (a
 * model server's URL, say); the server's output goes to tests/e2e/artifacts/<logName>.log.
 */
export async function startAppServer(options: { logName: string; env?: Record<string, string> }): Promise<AppServer> {
  if (!existsSync(".next/BUILD_ID")) throw new Error("No build found: run `npm test` (it builds first) or `npm run build`.");
  const dataDir = mkdtempSync(path.join(tmpdir(), "lore-e2e-"));
  const port = await freePort();
  mkdirSync("tests/e2e/artifacts", { recursive: true });
  const logFile = `tests/e2e/artifacts/${options.logName}.log`;
  const serverLog = createWriteStream(logFile);
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
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout?.pipe(serverLog);
  server.stderr?.pipe(serverLog);
  const baseURL = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (server.exitCode === null) {
      server.kill("SIGTERM");
      await new Promise((resolve) => server.once("exit", resolve));
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(baseURL, server, logFile);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseURL, stop };
}

async function waitForHealth(baseURL: string, server: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`The app exited while starting; see ${logFile}`);
    const ok = await fetch(`${baseURL}/api/health`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The app did not become healthy within 90 s; see ${logFile}`);
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
