import "server-only";
import { withTenant } from "@/lib/db/tenant";
import { deploymentEmbedders, embeddersUnchanged, type DeployedEmbedder } from "@/lib/embeddings/active";
import { inBatches, mapConcurrently } from "@/lib/embeddings/batching";
import { LoreError } from "@/lib/errors";
import { chunkBlocks } from "@/lib/ingest/chunk";
import { fileStem } from "@/lib/ingest/document-title";
import { embeddingText } from "@/lib/ingest/embedding-text";
import { EmbeddersChanged } from "@/lib/ingest/jobs/embedders-changed";
import { JobLost, type JobLease } from "@/lib/ingest/jobs/lease";
import { parseIsolated } from "@/lib/ingest/parsers/sandbox";
import { planChunks } from "@/lib/ingest/plan-chunks";
import { copyMovedChunks, deleteLiveChunksExcept, deleteStagedChunks, insertChunks, liveChunks, lockedAcl, type NewChunk } from "@/lib/ingest/store-chunks";

export type IndexOutcome = {
  chunks: number;
  embedded: number;
  reused: number;
  removed: number;
  /** Chunk rows written (new ones, and unchanged ones copied to a new position). */
  rowsWritten: number;
  /** Where the time went, for the logs and the ingest benchmark. */
  timings: { parseMs: number; chunkMs: number; embedMs: number; writeMs: number; swapMs: number };
};

// Texts per call to an embedder (progress is reported after each), a few calls at a time so that an
// embedding server's own concurrency has work; the embedders split batches further themselves.
const EMBED_BATCH = 64;
const EMBED_CALLS_AT_ONCE = 3;
// Rows per transaction while writing: each transaction stays short (~0.3 s into an HNSW-indexed
// table here), so questions asked meanwhile, on the embedded database's single connection too, wait
// at most for one batch.
const WRITE_BATCH = 100;

/**
 * The "index" job: parse the document's current file, chunk it, embed what is new (with the active
 * embedder, and the pending one during a switch), write the new chunks in batches at the document's
 * next generation, then swap them in with one short transaction: the searchable generation moves
 * forward and vanished chunks are deleted. Until then search answers from the version before, and a
 * failure at any step leaves no chunk of this version searchable.
 */
export async function indexDocument(lease: JobLease): Promise<IndexOutcome> {
  const { job } = lease;
  const embedders = await deploymentEmbedders();
  const loaded = await withTenant(job.tenantId, async (tx) => {
    await lease.hold(tx);
    const document = await tx.document.findFirst({ where: { id: job.documentId }, include: { file: true } });
    if (!document) throw new JobLost();
    await deleteStagedChunks(tx, document.id, document.indexedGeneration);
    await tx.document.update({ where: { id: document.id }, data: { status: "indexing", error: null } });
    return { document, live: await liveChunks(tx, document.id, document.indexedGeneration) };
  });
  const { document } = loaded;
  if (!document.file) throw new LoreError("unprocessable", "documents", `The file of "${document.title}" was not kept; upload it again as a new version.`);

  const clock = stopwatch();
  await lease.report("parsing", 5);
  const bytes = new Uint8Array(document.file.bytes);
  const parsed = await parseIsolated(document.fileName, bytes);
  const parseMs = clock.lap();
  await lease.report("chunking", 25);
  const drafts = chunkBlocks(parsed.blocks);
  if (drafts.length === 0) throw new LoreError("unprocessable", "documents", `"${document.fileName}" contains no text to index.`);
  const title = document.titleFromFile ? parsed.title?.trim() || fileStem(document.fileName) : document.title;
  // The title is part of every embedded text: a new title leaves no vector reusable.
  const plan = planChunks(drafts, title === document.title ? loaded.live : []);
  const chunkMs = clock.lap();

  const fresh = await embedFresh(lease, [embedders.active, ...(embedders.pending ? [embedders.pending] : [])], title, plan.fresh);
  const embedMs = clock.lap();

  const target = { tenantId: job.tenantId, documentId: document.id, generation: document.indexedGeneration + 1 };
  const writes = [
    ...inBatches(fresh, WRITE_BATCH).map((batch) => ({ fresh: batch, moved: [] })),
    ...inBatches(plan.moved, WRITE_BATCH).map((batch) => ({ fresh: [], moved: batch })),
  ];
  let written = 0;
  for (const write of writes) {
    await withTenant(job.tenantId, async (tx) => {
      await lease.hold(tx);
      const acl = await lockedAcl(tx, document.id);
      if (!acl) throw new JobLost();
      await insertChunks(tx, { ...target, acl }, write.fresh);
      await copyMovedChunks(tx, { ...target, acl }, write.moved);
      if (!(await embeddersUnchanged(tx, embedders))) throw new EmbeddersChanged();
    });
    written += write.fresh.length + write.moved.length;
    await lease.report("writing", 85 + (13 * written) / (fresh.length + plan.moved.length));
  }
  const writeMs = clock.lap();

  const removed = await withTenant(job.tenantId, async (tx) => {
    await lease.complete(tx);
    const deleted = await deleteLiveChunksExcept(tx, document.id, document.indexedGeneration, plan.keptIds);
    await tx.document.update({
      where: { id: document.id },
      data: { indexedGeneration: target.generation, status: "ready", error: null, chunkCount: drafts.length, title },
    });
    if (!(await embeddersUnchanged(tx, embedders))) throw new EmbeddersChanged();
    return deleted - plan.moved.length;
  });
  return {
    chunks: drafts.length,
    embedded: plan.fresh.length,
    reused: plan.keptIds.length + plan.moved.length,
    removed,
    rowsWritten: written,
    timings: { parseMs, chunkMs, embedMs, writeMs, swapMs: clock.lap() },
  };
}

function stopwatch() {
  let last = performance.now();
  return {
    lap(): number {
      const now = performance.now();
      const elapsed = Math.round((now - last) * 10) / 10;
      last = now;
      return elapsed;
    },
  };
}

async function embedFresh(lease: JobLease, embedders: DeployedEmbedder[], title: string, drafts: NewChunk["draft"][]): Promise<NewChunk[]> {
  const chunks: NewChunk[] = drafts.map((draft) => ({ draft, vectors: [] }));
  const texts = drafts.map((draft) => embeddingText(title, draft));
  const total = texts.length * embedders.length;
  let done = 0;
  await lease.report("embedding", 30);
  for (const embedder of embedders) {
    const batches = inBatches(
      texts.map((text, index) => ({ text, index })),
      EMBED_BATCH,
    );
    await mapConcurrently(batches, EMBED_CALLS_AT_ONCE, async (batch) => {
      const vectors = await embedder.embedder.embed(batch.map((item) => item.text));
      vectors.forEach((vector, i) => {
        chunks[batch[i]!.index]!.vectors.push({ slot: embedder.slot, model: embedder.id, vector });
      });
      done += batch.length;
      await lease.report("embedding", 30 + (55 * done) / total);
    });
  }
  return chunks;
}
