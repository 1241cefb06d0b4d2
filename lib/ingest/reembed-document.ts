import "server-only";
import { withTenant } from "@/lib/db/tenant";
import { deploymentEmbedders, embeddersUnchanged } from "@/lib/embeddings/active";
import { embeddingText } from "@/lib/ingest/embedding-text";
import { EmbeddersChanged } from "@/lib/ingest/jobs/embedders-changed";
import { JobLost, type JobLease } from "@/lib/ingest/jobs/lease";
import { chunksWithoutVector, countChunksWithoutVector, setVectors } from "@/lib/ingest/store-chunks";

// Chunks per round: one embedding call, then one short transaction writing their vectors.
const BATCH = 128;

/**
 * The "reembed" job of an embedder switch: gives every chunk of one document a vector from the
 * pending embedder, in its own slot beside the active one's, which search goes on using meanwhile.
 * Returns how many chunks it embedded.
 */
export async function reembedDocument(lease: JobLease): Promise<number> {
  const { job } = lease;
  const embedders = await deploymentEmbedders();
  const pending = embedders.pending;
  const total = pending ? await withTenant(job.tenantId, (tx) => countChunksWithoutVector(tx, job.documentId, pending)) : 0;
  let done = 0;
  while (pending) {
    const batch = await withTenant(job.tenantId, async (tx) => {
      const document = await tx.document.findFirst({ where: { id: job.documentId }, select: { title: true } });
      if (!document) throw new JobLost();
      return { title: document.title, chunks: await chunksWithoutVector(tx, job.documentId, pending, BATCH) };
    });
    if (batch.chunks.length === 0) break;
    const vectors = await pending.embedder.embed(batch.chunks.map((chunk) => embeddingText(batch.title, chunk)));
    await withTenant(job.tenantId, async (tx) => {
      await lease.hold(tx);
      await setVectors(
        tx,
        pending,
        batch.chunks.map((chunk, i) => ({ id: chunk.id, vector: vectors[i]! })),
      );
      if (!(await embeddersUnchanged(tx, embedders))) throw new EmbeddersChanged();
    });
    done += batch.chunks.length;
    await lease.report("embedding", (100 * done) / Math.max(total, done));
  }
  await withTenant(job.tenantId, (tx) => lease.complete(tx));
  return done;
}
