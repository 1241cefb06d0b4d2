import "server-only";
import { withTenant } from "@/lib/db/tenant";
import { LoreError } from "@/lib/errors";
import { indexDocument, type IndexOutcome } from "@/lib/ingest/index-document";
import { EmbeddersChanged } from "@/lib/ingest/jobs/embedders-changed";
import { type ClaimedJob, JobLease, JobLost, WorkerStopping } from "@/lib/ingest/jobs/lease";
import { reembedDocument } from "@/lib/ingest/reembed-document";
import { deleteStagedChunks } from "@/lib/ingest/store-chunks";
import { logger } from "@/lib/log";
import { recordIngestJob } from "@/lib/metrics/record";

/** Attempts before a job fails for good; a worker that died holding it used one up too. */
export const MAX_ATTEMPTS = 3;

/** `retryBaseMs`: the pause before a failed job's second attempt; each later one waits four times longer. */
/** How a job that ran to the end went: what it indexed, or how many chunks it re-embedded. */
export type JobOutcome = { jobId: string; documentId: string } & ({ kind: "index"; index: IndexOutcome } | { kind: "reembed"; reembedded: number });

export type WorkerContext = { id: string; leaseMs: number; retryBaseMs: number; stopping: AbortSignal };

/**
 * Runs one claimed job and settles how it ended. A problem with the file itself (a LoreError from
 * parsing) fails it at once with the parser's message on the document; anything else (an embedding
 * server that is down, a database hiccup) is retried with backoff, up to MAX_ATTEMPTS.
 */
export async function runJob(job: ClaimedJob, worker: WorkerContext): Promise<JobOutcome | null> {
  const lease = new JobLease(job, worker.id, worker.leaseMs, worker.stopping);
  const started = performance.now();
  try {
    if (job.attempts > MAX_ATTEMPTS) {
      throw new LoreError(
        "unprocessable",
        "documents",
        `Indexing stopped unexpectedly ${MAX_ATTEMPTS} times on this file (the server may have run out of memory on it).`,
      );
    }
    const ids = { jobId: job.id, documentId: job.documentId };
    const outcome: JobOutcome =
      job.kind === "reembed"
        ? { ...ids, kind: "reembed", reembedded: await reembedDocument(lease) }
        : { ...ids, kind: "index", index: await indexDocument(lease) };
    logger().info({ ...outcome, ms: Math.round(performance.now() - started) }, "ingest job done");
    recordIngestJob(job.kind, "done", (performance.now() - started) / 1000);
    return outcome;
  } catch (error) {
    recordIngestJob(job.kind, "not_done", (performance.now() - started) / 1000);
    await settle(lease, error, worker.retryBaseMs);
    return null;
  } finally {
    lease.close();
  }
}

async function settle(lease: JobLease, error: unknown, retryBaseMs: number): Promise<void> {
  const { job } = lease;
  // Whoever cancelled the job, deleted its document or took it over owns the outcome.
  if (error instanceof JobLost) return;
  if (error instanceof WorkerStopping) return lease.release();
  if (error instanceof EmbeddersChanged) return lease.retryLater(0, error.message, false);
  const message = error instanceof LoreError ? error.message : `Indexing failed: ${error instanceof Error ? error.message : String(error)}`;
  if (!(error instanceof LoreError) && job.attempts < MAX_ATTEMPTS) {
    const delayMs = retryBaseMs * 4 ** (job.attempts - 1);
    logger().warn({ err: error, job: job.id, attempt: job.attempts, delayMs }, "ingest job failed; will retry");
    await lease.retryLater(delayMs, message);
    if (job.kind === "index") {
      await withTenant(job.tenantId, (tx) => tx.document.updateMany({ where: { id: job.documentId, status: "indexing" }, data: { status: "queued" } }));
    }
    return;
  }
  if (!(error instanceof LoreError)) logger().error({ err: error, job: job.id }, "ingest job failed for good");
  await withTenant(job.tenantId, async (tx) => {
    if (!(await lease.fail(tx, message)) || job.kind !== "index") return;
    const document = await tx.document.findFirst({ where: { id: job.documentId }, select: { indexedGeneration: true } });
    if (!document) return;
    await deleteStagedChunks(tx, job.documentId, document.indexedGeneration);
    await tx.document.update({ where: { id: job.documentId }, data: { status: "failed", error: message } });
  });
}
