import "server-only";
import type { AuthenticatedUser } from "@/lib/auth/user";
import { withTenant, type TenantTx } from "@/lib/db/tenant";
import { LoreError } from "@/lib/errors";
import { cancelActiveJobs, enqueueJob, wakeIngestWorker } from "@/lib/ingest/jobs/queue";
import { deleteStagedChunks } from "@/lib/ingest/store-chunks";

// What an admin can do with a document besides uploading and choosing readers.

/**
 * Deletes the document and everything derived from it (its chunks, file and jobs go with it, by
 * foreign key). A job working on it stops at its next step. Decision records keep only its ids.
 */
export async function deleteDocument(actor: AuthenticatedUser, documentId: string): Promise<void> {
  const { count } = await withTenant(actor.tenantId, (tx) => tx.document.deleteMany({ where: { id: documentId, tenantId: actor.tenantId } }));
  if (count === 0) throw notFound();
}

/**
 * Stops the document's indexing: a queued job never starts, a running one stops at its next step,
 * and chunks it already wrote are removed. Search keeps the version indexed before, if any.
 */
export async function cancelIndexing(actor: AuthenticatedUser, documentId: string): Promise<void> {
  await withTenant(actor.tenantId, async (tx) => {
    const document = await existingDocument(tx, actor.tenantId, documentId);
    if ((await cancelActiveJobs(tx, document.id, "index")) === 0) {
      throw new LoreError("bad_request", "documents", `"${document.title}" is not being indexed, so there is nothing to cancel.`);
    }
    await deleteStagedChunks(tx, document.id, document.indexedGeneration);
    await tx.document.update({ where: { id: document.id }, data: { status: "cancelled", error: null } });
  });
}

/**
 * Indexes the document's current file again: a retry after a failure or a cancellation, or a fresh
 * pass over a ready document (unchanged chunks keep their vectors). Asking while a job is already
 * queued or running changes nothing.
 */
export async function reindexDocument(actor: AuthenticatedUser, documentId: string): Promise<void> {
  const queued = await withTenant(actor.tenantId, async (tx) => {
    const document = await existingDocument(tx, actor.tenantId, documentId);
    const active = await tx.ingestJob.count({ where: { documentId: document.id, kind: "index", status: { in: ["queued", "running"] } } });
    if (active > 0) return false;
    if ((await tx.documentFile.count({ where: { documentId: document.id } })) === 0) {
      throw new LoreError(
        "unprocessable",
        "documents",
        `The file of "${document.title}" was not kept, so it cannot be indexed again. Upload it as a new version.`,
      );
    }
    await enqueueJob(tx, { tenantId: actor.tenantId, documentId: document.id, kind: "index" });
    await tx.document.update({ where: { id: document.id }, data: { status: "queued", error: null } });
    return true;
  });
  if (queued) wakeIngestWorker();
}

async function existingDocument(tx: TenantTx, tenantId: string, documentId: string) {
  const document = await tx.document.findFirst({ where: { id: documentId, tenantId }, select: { id: true, title: true, indexedGeneration: true } });
  if (!document) throw notFound();
  return document;
}

function notFound(): LoreError {
  return new LoreError("not_found", "documents", "That document does not exist (it may have been deleted).");
}
