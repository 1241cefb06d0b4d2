import "server-only";
import { systemDatabase } from "@/lib/db/system";
import { deploymentEmbedders } from "@/lib/embeddings/active";
import { dropVectorIndex, ensureVectorIndex } from "@/lib/embeddings/vector-index";
import { logger } from "@/lib/log";

// Bulk loading. Inserting a row into a table with an HNSW index costs far more than the row itself:
// measured here on the embedded database, writing lexical chunks ran at ~480 rows/s without the HNSW
// index and ~265 rows/s with it (~1.7 ms more per row, growing with the index), while building the
// index afterwards cost ~0.18 ms per row for the whole table. Rebuilding therefore beats inserting
// row by row as soon as a backlog is more than a small fraction of what is already indexed.
//
// So when the queue holds a large backlog (at least BULK_MIN_QUEUED documents, and at least a quarter
// as many as are indexed already: the fraction is in documents because that is what the queue knows
// before parsing), the worker drops the active embedder's HNSW index, indexes the backlog without it,
// and builds the index again once no indexing is queued or running anywhere; then it refreshes the
// planner's statistics, which a bulk load makes stale. Search stays correct throughout: without the
// index, its vector channel scans the tenant's vectors exactly (milliseconds for tens of thousands).
// Any idle worker rebuilds a missing index when the queue is empty, so a worker that dies in bulk
// mode (or another instance's bulk load) leaves no deployment without it for long. Single uploads
// never qualify and go into the index as they come, in short batches (see index-document.ts).
const BULK_MIN_QUEUED = 20;
const BULK_FRACTION = 4;

export async function backlogWarrantsBulkLoad(): Promise<boolean> {
  const [counts] = await systemDatabase("job-queue").prisma.$queryRaw<{ queued: number; indexed: number }[]>`
    SELECT count(*) FILTER (WHERE status = 'queued')::int AS queued, count(*) FILTER (WHERE status = 'succeeded')::int AS indexed
    FROM ingest_jobs WHERE kind = 'index'`;
  return !!counts && counts.queued >= BULK_MIN_QUEUED && counts.queued * BULK_FRACTION >= counts.indexed;
}

export async function beginBulkLoad(): Promise<void> {
  const { active } = await deploymentEmbedders();
  await dropVectorIndex(active);
  logger().info({ embedder: active.id }, "bulk load: vector index dropped until the backlog is indexed");
}

/**
 * When no indexing is queued or running anywhere, makes sure the active embedder's index exists:
 * "busy" if indexing is outstanding, else whether the index was "present" or had to be "built".
 */
export async function restoreVectorIndexWhenIdle(): Promise<"busy" | "present" | "built"> {
  const [outstanding] = await systemDatabase("job-queue").prisma.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM ingest_jobs WHERE kind = 'index' AND status IN ('queued', 'running')`;
  if (!outstanding || outstanding.n > 0) return "busy";
  const { active } = await deploymentEmbedders();
  return (await ensureVectorIndex(active)) ? "built" : "present";
}
