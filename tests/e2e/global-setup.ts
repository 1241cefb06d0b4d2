import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

export const E2E_AUTH_SECRET = "e2e-tests-auth-secret-0123456789abcdef";
export const E2E_MAX_UPLOAD_BYTES = 1024 * 1024;

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
  }
}

/**
 * Starts the built app (`next start`) on a free port with a fresh embedded database and the demo
 * seed, exactly as `npm start` would, and stops it when the end-to-end tests are done.
 */
export default async function setup(project: TestProject) {
  if (!existsSync(".next/BUILD_ID")) throw new Error("No build found: run `npm test` (it builds first) or `npm run build`.");
  const dataDir = mkdtempSync(path.join(tmpdir(), "lore-e2e-"));
  const port = await freePort();
  mkdirSync("tests/e2e/artifacts", { recursive: true });
  const serverLog = createWriteStream("tests/e2e/artifacts/server.log");
  const server: ChildProcess = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "--port", String(port)], {
    env: {
      ...process.env,
      PGLITE_DIR: path.join(dataDir, "pglite"),
      AUTH_SECRET: E2E_AUTH_SECRET,
      LORE_DEMO_SEED: "true",
      MAX_UPLOAD_BYTES: String(E2E_MAX_UPLOAD_BYTES),
      LOG_LEVEL: "warn",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: "",
      LLM_BASE_URL: "",
      LLM_MODEL: "",
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
    await waitForHealth(baseURL, server);
  } catch (error) {
    await stop();
    throw error;
  }
  project.provide("baseURL", baseURL);
  return stop;
}

async function waitForHealth(baseURL: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error("The app exited while starting; see tests/e2e/artifacts/server.log");
    const ok = await fetch(`${baseURL}/api/health`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error("The app did not become healthy within 90 s; see tests/e2e/artifacts/server.log");
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
