import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyDecisionLog } from "@/lib/audit/checkpoints";
import type { Database } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { reconcileEmbedders } from "@/lib/ingest/embedder-switch";
import { cancelIndexing, deleteDocument, reindexDocument } from "@/lib/ingest/document-actions";
import { claimNextJob } from "@/lib/ingest/jobs/lease";
import { MAX_ATTEMPTS } from "@/lib/ingest/jobs/run-job";
import { drainIngestQueue, startIngestWorker } from "@/lib/ingest/jobs/worker";
import { retrieve } from "@/lib/retrieval/hybrid-search";
import { ask } from "@/tests/support/chat";
import { migratedDatabase } from "@/tests/support/database";
import { bytes, createTenant } from "@/tests/support/fixtures";
import { chunkRows, queueFiles, storedDocument } from "@/tests/support/ingest";
import { startEmbeddingsServer, type EmbeddingsServer } from "@/tests/support/openai-compatible-server";

let db: Database;
let server: EmbeddingsServer;
let tenant: Awaited<ReturnType<typeof createTenant>>;
// How long the embeddings server takes per request: long enough to act while a job is embedding.
let embeddingDelayMs = 0;
const admin = () => tenant.users.admin!;

/** A Markdown file of `sections` passages, each under its own heading and naming `topic`. */
function manual(topic: string, sections = 1) {
  // Each part is long enough to stay a passage of its own.
  const parts = Array.from(
    { length: sections },
    (_, i) =>
      `## Part ${i + 1}\n\nThe ${topic} procedure, step ${i + 1}: ${"check the valve, read the gauge and write both down in the log book. ".repeat(6)}\n`,
  );
  return bytes(`# ${topic} manual\n\n${parts.join("\n")}`);
}

/** Time passing for a worker that died: its lease runs out now, without waiting for it. */
const expireLeases = () => db.prisma.$executeRaw`UPDATE ingest_jobs SET locked_until = now() - interval '1 second' WHERE status = 'running'`;

const jobOf = (documentId: string) => withTenant(tenant.tenant.id, (tx) => tx.ingestJob.findFirst({ where: { documentId }, orderBy: { createdAt: "desc" } }));

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeAll(async () => {
  server = await startEmbeddingsServer({ dimensions: 8, delayMs: () => embeddingDelayMs });
  db = await migratedDatabase();
  await reconcileEmbedders({ provider: "openai-compatible", baseURL: server.baseURL, model: "jobs", batchSize: 8, concurrency: 1, maxRetries: 0 });
  tenant = await createTenant(
    "jobs",
    [],
    [
      { key: "admin", role: "admin", groups: [] },
      { key: "employee", role: "employee", groups: [] },
    ],
  );
});
afterAll(async () => {
  await db.close();
  await server.close();
});

describe("the ingest worker", () => {
  it("indexes an upload in the background, reporting its stage and progress as it goes, and stops when asked", async () => {
    embeddingDelayMs = 150;
    const worker = startIngestWorker({ pollMs: 50 });
    const [id] = await queueFiles(admin(), [{ fileName: "boiler.md", bytes: manual("boiler", 100) }]);
    const seen = new Set<string>();
    await until(
      async () => {
        const job = await jobOf(id!);
        if (job) seen.add(`${job.stage ?? "queued"}:${job.progress}`);
        return job?.status;
      },
      (status) => status === "succeeded",
    );
    await worker.stop();
    embeddingDelayMs = 0;
    expect(await storedDocument(admin(), id!)).toMatchObject({ status: "ready", chunkCount: 100 });
    const embedding = [...seen].filter((s) => s.startsWith("embedding:")).map((s) => Number(s.split(":")[1]));
    expect(embedding.some((progress) => progress > 30 && progress < 85)).toBe(true);
    expect(seen).toContain("done:100");
  });

  it("cancels a queued job, which then never runs", async () => {
    const [id] = await queueFiles(admin(), [{ fileName: "pump.md", bytes: manual("pump") }]);
    await cancelIndexing(admin(), id!);
    expect(await drainIngestQueue()).toHaveLength(0);
    expect(await storedDocument(admin(), id!)).toMatchObject({ status: "cancelled", chunkCount: 0 });
    expect((await jobOf(id!))?.status).toBe("cancelled");
  });

  it("cancels a running job, which stops and leaves no chunks; retry then indexes it", async () => {
    embeddingDelayMs = 80;
    const worker = startIngestWorker({ pollMs: 50 });
    const [id] = await queueFiles(admin(), [{ fileName: "turbine.md", bytes: manual("turbine", 40) }]);
    await until(
      () => jobOf(id!),
      (job) => job?.stage === "embedding",
    );
    await cancelIndexing(admin(), id!);
    // The worker carries on with other work.
    const [next] = await queueFiles(admin(), [{ fileName: "fan.md", bytes: manual("fan") }]);
    await until(
      () => storedDocument(admin(), next!),
      (d) => d.status === "ready",
    );
    await worker.stop();
    embeddingDelayMs = 0;
    expect(await storedDocument(admin(), id!)).toMatchObject({ status: "cancelled", chunkCount: 0 });
    expect(await chunkRows(admin(), id!)).toEqual([]);

    await reindexDocument(admin(), id!);
    expect((await storedDocument(admin(), id!)).status).toBe("queued");
    await drainIngestQueue();
    expect(await storedDocument(admin(), id!)).toMatchObject({ status: "ready", chunkCount: 40 });
  });

  it("retries a job that failed for a passing reason, fails it after the last attempt with the reason, and retries it on request", async () => {
    server.failNext(MAX_ATTEMPTS, { status: 500 });
    const [id] = await queueFiles(admin(), [{ fileName: "chiller.md", bytes: manual("chiller") }]);
    await drainIngestQueue({ retryBaseMs: 0 });
    const failed = await storedDocument(admin(), id!);
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatch(/^Indexing failed: Embedding request to .* failed.*HTTP 500/);
    expect(await jobOf(id!)).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });

    await reindexDocument(admin(), id!);
    await drainIngestQueue();
    expect(await storedDocument(admin(), id!)).toMatchObject({ status: "ready", error: null, chunkCount: 1 });
  });

  it("takes over a job whose worker died once its lease ran out", async () => {
    const [id] = await queueFiles(admin(), [{ fileName: "valve.md", bytes: manual("valve") }]);
    const claimed = await claimNextJob("worker-that-dies", 60_000);
    expect(claimed?.documentId).toBe(id);
    // Nobody else may take it while the lease holds.
    expect(await claimNextJob("another-worker", 60_000)).toBeNull();
    await expireLeases();
    expect(await drainIngestQueue()).toHaveLength(1);
    expect(await storedDocument(admin(), id!)).toMatchObject({ status: "ready", chunkCount: 1 });
    expect(await jobOf(id!)).toMatchObject({ status: "succeeded", attempts: 2 });
  });

  it("gives up on a file whose workers keep dying, saying so", async () => {
    const [id] = await queueFiles(admin(), [{ fileName: "reactor.md", bytes: manual("reactor") }]);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      expect(await claimNextJob(`doomed-worker-${attempt}`, 60_000)).not.toBeNull();
      await expireLeases();
    }
    await drainIngestQueue();
    const document = await storedDocument(admin(), id!);
    expect(document.status).toBe("failed");
    expect(document.error).toMatch(/stopped unexpectedly 3 times/);
  });

  it("hands a running job back to the queue when stopped, for any worker to finish", async () => {
    embeddingDelayMs = 80;
    const first = startIngestWorker({ pollMs: 50 });
    const [id] = await queueFiles(admin(), [{ fileName: "compressor.md", bytes: manual("compressor", 40) }]);
    await until(
      () => jobOf(id!),
      (job) => job?.stage === "embedding",
    );
    await first.stop();
    embeddingDelayMs = 0;
    expect(await jobOf(id!)).toMatchObject({ status: "queued", lockedBy: null, attempts: 0 });
    await drainIngestQueue();
    expect(await storedDocument(admin(), id!)).toMatchObject({ status: "ready", chunkCount: 40 });
  });
});

describe("deleting a document", () => {
  it("deletes its chunks, file and jobs; decision records that cited it keep only its ids", async () => {
    const [id] = await queueFiles(admin(), [{ fileName: "geyser.md", bytes: manual("geyser") }]);
    await drainIngestQueue();
    const { record } = await ask(tenant.users.employee!, "geyser");
    expect(JSON.stringify(record?.retrieved)).toContain(id);

    await deleteDocument(admin(), id!);
    const left = await withTenant(tenant.tenant.id, async (tx) => ({
      documents: await tx.document.count({ where: { id } }),
      files: await tx.documentFile.count({ where: { documentId: id } }),
      jobs: await tx.ingestJob.count({ where: { documentId: id } }),
    }));
    expect(left).toEqual({ documents: 0, files: 0, jobs: 0 });
    expect(await chunkRows(admin(), id!)).toEqual([]);
    expect((await retrieve(tenant.users.employee!, "geyser procedure")).chunks.filter((c) => c.documentId === id)).toEqual([]);
    expect(await verifyDecisionLog(tenant.tenant.id)).toMatchObject({ ok: true });
  });

  it("stops a job that is indexing the deleted document, leaving nothing behind", async () => {
    embeddingDelayMs = 80;
    const worker = startIngestWorker({ pollMs: 50 });
    const [id] = await queueFiles(admin(), [{ fileName: "kettle.md", bytes: manual("kettle", 40) }]);
    await until(
      () => jobOf(id!),
      (job) => job?.stage === "embedding",
    );
    await deleteDocument(admin(), id!);
    const [next] = await queueFiles(admin(), [{ fileName: "stove.md", bytes: manual("stove") }]);
    await until(
      () => storedDocument(admin(), next!),
      (d) => d.status === "ready",
    );
    await worker.stop();
    embeddingDelayMs = 0;
    expect(await chunkRows(admin(), id!)).toEqual([]);
  });
});
