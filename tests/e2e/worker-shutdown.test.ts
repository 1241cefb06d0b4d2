import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { E2E_AUTH_SECRET } from "@/tests/e2e/global-setup";
import { startBuiltApp } from "@/tests/e2e/support/app-server";
import { signInAt } from "@/tests/support/sign-in-over-http";

// Issue 8 point 4: a worker told to stop (SIGTERM) hands its running job back to the queue at once,
// for any other worker, instead of holding it until its lease runs out; both where it runs inside a
// web server and where it runs as `npm run worker` beside a server started with LORE_WORKERS=off.
// Each case has its own built server on its own embedded database.

const dataRoot = mkdtempSync(path.join(tmpdir(), "lore-shutdown-"));
afterAll(() => rmSync(dataRoot, { recursive: true, force: true }));

type Indexing = { status: string; progress: number; stage: string | null } | null;

/** A file that takes long enough to index (thousands of passages) that it is still running when stopped. */
async function uploadLongFile(baseURL: string, admin: string): Promise<string> {
  const entries = Array.from(
    { length: 3_000 },
    (_, i) => `## Entry ${i + 1}\n\n${`Granite blocks were cut, weighed and stacked by crew ${i % 7}. `.repeat(4)}\n`,
  );
  const form = new FormData();
  form.append("file", new File([`# Quarry ledger\n\n${entries.join("\n")}`], "quarry-ledger.md"));
  form.set("readers", JSON.stringify({ everyone: true }));
  const response = await fetch(`${baseURL}/api/documents`, { method: "POST", body: form, headers: { cookie: admin } });
  expect(response.status).toBe(202);
  return ((await response.json()) as { documents: { id: string }[] }).documents[0]!.id;
}

async function indexingOf(baseURL: string, admin: string, id: string): Promise<Indexing> {
  const listed = (await (await fetch(`${baseURL}/api/documents`, { headers: { cookie: admin } })).json()) as {
    documents: { id: string; indexing: Indexing }[];
  };
  return listed.documents.find((d) => d.id === id)?.indexing ?? null;
}

const running = (baseURL: string, admin: string, id: string) =>
  expect.poll(async () => (await indexingOf(baseURL, admin, id))?.status, { timeout: 120_000, interval: 100 }).toBe("running");

describe("a stopped worker hands its job back", () => {
  it("in a web server: after SIGTERM the job is queued again, not held", async () => {
    const settings = { AUTH_SECRET: E2E_AUTH_SECRET, PGLITE_DIR: path.join(dataRoot, "web", "pglite") };
    const first = await startBuiltApp(settings, "shutdown-web");
    let id: string;
    try {
      const admin = await signInAt(first.baseURL, "acme", "admin@acme.test");
      id = await uploadLongFile(first.baseURL, admin);
      await running(first.baseURL, admin, id);
    } finally {
      await first.stop();
    }
    // The same database, now with no worker: what the stopped server left behind.
    const second = await startBuiltApp({ ...settings, LORE_WORKERS: "off" }, "shutdown-web-after");
    try {
      const admin = await signInAt(second.baseURL, "acme", "admin@acme.test");
      expect(await indexingOf(second.baseURL, admin, id)).toMatchObject({ status: "queued" });
    } finally {
      await second.stop();
    }
  });

  it("in `npm run worker`: after SIGTERM it exits and the job is queued again at once", async () => {
    const pgliteDir = path.join(dataRoot, "worker", "pglite");
    const server = await startBuiltApp({ AUTH_SECRET: E2E_AUTH_SECRET, PGLITE_DIR: pgliteDir, LORE_WORKERS: "off" }, "shutdown-worker-server");
    let worker: ChildProcess | undefined;
    try {
      worker = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "scripts/worker.ts"], {
        env: { ...process.env, PGLITE_DIR: pgliteDir, DATABASE_URL: "", LOG_LEVEL: "info", AUTH_SECRET: E2E_AUTH_SECRET },
        stdio: ["ignore", "pipe", "pipe"],
      });
      const log = createWriteStream("tests/e2e/artifacts/shutdown-worker.log");
      worker.stdout?.pipe(log);
      worker.stderr?.pipe(log);
      const exited = new Promise<number | null>((resolve) => worker!.once("exit", resolve));
      const admin = await signInAt(server.baseURL, "acme", "admin@acme.test");
      const id = await uploadLongFile(server.baseURL, admin);
      await running(server.baseURL, admin, id);
      worker.kill("SIGTERM");
      expect(await exited).toBe(0);
      expect(await indexingOf(server.baseURL, admin, id)).toMatchObject({ status: "queued" });
    } finally {
      if (worker && worker.exitCode === null) worker.kill("SIGKILL");
      await server.stop();
    }
  });
});
