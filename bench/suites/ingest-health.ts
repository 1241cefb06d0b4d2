// How responsive the server stays while it ingests in bulk: the built app (`next start`, embedded
// database, as `npm start` runs it) receives 2,000 small files over HTTP, as an admin's uploads, and
// indexes them in the background, while /api/health is probed one request after another. Reports the
// probes' latency over the whole time (issue: p95 under 200 ms) and how long ingestion took.
import { existsSync } from "node:fs";
import { startBuiltApp } from "../../tests/e2e/support/app-server";
import { watchHealth } from "../../tests/support/health-watch";
import { signInAt } from "../../tests/support/sign-in-over-http";

export const name = "ingest_health";

const FILES = Number(process.env.BENCH_INGEST_HEALTH_FILES ?? 2_000);
const FILES_PER_REQUEST = 20;

export async function run(): Promise<Record<string, unknown>> {
  if (!existsSync(".next/BUILD_ID")) throw new Error("The ingest_health benchmark runs the built app: run `npm run build` first.");
  const app = await startBuiltApp({ AUTH_SECRET: "bench-auth-secret-0123456789abcdef-0123" }, "bench-ingest-health");
  const base = app.baseURL;
  try {
    const admin = await signInAt(base, "acme", "admin@acme.test");
    const health = watchHealth(base, { deadlineMs: 10_000 });
    const started = performance.now();
    const ids: string[] = [];
    for (let first = 0; first < FILES; first += FILES_PER_REQUEST) {
      const form = new FormData();
      for (let i = first; i < Math.min(FILES, first + FILES_PER_REQUEST); i++) {
        form.append(
          "file",
          new File([`# Note ${i}\n\nA short note, number ${i}, about the pump ${i % 37} and the valve ${i % 53}. 펌프 ${i}번 점검 메모.`], `note-${i}.md`),
        );
      }
      form.set("readers", JSON.stringify({ everyone: true }));
      const response = await fetch(`${base}/api/documents`, { method: "POST", body: form, headers: { cookie: admin } });
      if (response.status !== 202) throw new Error(`upload answered ${response.status}: ${await response.text()}`);
      ids.push(...((await response.json()) as { documents: { id: string }[] }).documents.map((d) => d.id));
    }
    const uploadedS = (performance.now() - started) / 1000;
    await waitUntil(
      async () => {
        const listed = (
          (await (await fetch(`${base}/api/documents`, { headers: { cookie: admin } })).json()) as { documents: { id: string; status: string }[] }
        ).documents;
        const settled = new Set(listed.filter((d) => d.status === "ready" || d.status === "failed").map((d) => d.id));
        return ids.every((id) => settled.has(id));
      },
      3_600_000,
      2_000,
    );
    const ingestS = (performance.now() - started) / 1000;
    const report = await health.stop();
    return {
      bulk_tiny_files: {
        files: FILES,
        files_per_request: FILES_PER_REQUEST,
        upload_s: Math.round(uploadedS * 10) / 10,
        ingest_s: Math.round(ingestS * 10) / 10,
        health: { p95_ms: report.p95Ms, max_ms: report.maxMs, probes: report.probes, failures: report.failures },
      },
    };
  } finally {
    await app.stop();
  }
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, intervalMs = 250): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
