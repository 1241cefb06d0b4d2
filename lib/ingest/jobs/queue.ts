import "server-only";
import { systemDatabase } from "@/lib/db/system";
import type { TenantTx } from "@/lib/db/tenant";

/** "index": parse, chunk, embed and swap in the document's current file. "reembed": give its chunks the pending embedder's vectors. */
export type JobKind = "index" | "reembed";

/**
 * Queues a job for a document, in the caller's tenant transaction so that it exists exactly when
 * what it works on does. A document keeps one job row per kind: the finished one before is dropped,
 * since its outcome is already on the document. Call wakeIngestWorker() once the transaction committed.
 */
export async function enqueueJob(tx: TenantTx, job: { tenantId: string; documentId: string; kind: JobKind }): Promise<void> {
  await tx.ingestJob.deleteMany({ where: { documentId: job.documentId, kind: job.kind, status: { in: ["succeeded", "failed", "cancelled"] } } });
  await tx.ingestJob.create({ data: { tenantId: job.tenantId, documentId: job.documentId, kind: job.kind } });
}

/** Cancels the document's queued or running jobs of a kind; a running one stops at its next step. Returns how many. */
export async function cancelActiveJobs(tx: TenantTx, documentId: string, kind: JobKind): Promise<number> {
  const { count } = await tx.ingestJob.updateMany({
    where: { documentId, kind, status: { in: ["queued", "running"] } },
    data: { status: "cancelled", lockedBy: null, lockedUntil: null, stage: "cancelled" },
  });
  return count;
}

/** The jobs waiting or running in every workspace, by kind and status (for the metrics). */
export async function countOutstandingJobs(): Promise<{ kind: string; status: string; jobs: number }[]> {
  return systemDatabase("job-queue").prisma.$queryRaw`
    SELECT kind, status::text AS status, count(*)::int AS jobs FROM ingest_jobs WHERE status IN ('queued', 'running') GROUP BY kind, status`;
}

// The worker of this process sleeps between polls; a job queued here need not wait for the next one.
// Route handlers and instrumentation are bundled apart, so the signal lives on globalThis.
const holder = globalThis as unknown as { __loreIngestWake?: EventTarget };

function wakeSignal(): EventTarget {
  holder.__loreIngestWake ??= new EventTarget();
  return holder.__loreIngestWake;
}

export function wakeIngestWorker(): void {
  wakeSignal().dispatchEvent(new Event("wake"));
}

/** Resolves on the next wakeIngestWorker() or after `ms`, whichever comes first. */
export function sleepUntilWoken(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      wakeSignal().removeEventListener("wake", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    wakeSignal().addEventListener("wake", done);
  });
}
