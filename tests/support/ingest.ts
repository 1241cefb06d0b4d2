import type { AuthenticatedUser } from "@/lib/auth/user";
import { withTenant } from "@/lib/db/tenant";
import { acceptUploads, type IncomingFile } from "@/lib/ingest/upload";

/** A document as stored, read in its tenant's transaction. */
export function storedDocument(user: AuthenticatedUser, documentId: string) {
  return withTenant(user.tenantId, (tx) => tx.document.findUniqueOrThrow({ where: { id: documentId } }));
}

/** Every chunk row of a document, searchable or not, with which embedders' vectors it has. */
export function chunkRows(user: AuthenticatedUser, documentId: string) {
  return withTenant(
    user.tenantId,
    (tx) =>
      tx.$queryRaw<{ id: string; content: string; contentHash: string; generation: number; acl: string[]; modelA: string | null; modelB: string | null }[]>`
      SELECT id, content, content_hash AS "contentHash", generation, acl, embedding_model AS "modelA", embedding_model_b AS "modelB"
      FROM chunks WHERE document_id = ${documentId}::uuid ORDER BY generation, ordinal`,
  );
}

/** Uploads files readable by everyone, as the upload route does, and returns the queued documents' ids in order. */
export async function queueFiles(admin: AuthenticatedUser, files: IncomingFile[]): Promise<string[]> {
  const { documents } = await acceptUploads(admin, { files, readers: { everyone: true } });
  return documents.map((d) => d.id);
}
