import "server-only";
import { randomUUID } from "node:crypto";
import type { TenantTx } from "@/lib/db/tenant";
import { vectorLiteral } from "@/lib/embeddings/vector-literal";
import type { ChunkDraft } from "@/lib/ingest/chunk";
import { searchTextFor } from "@/lib/retrieval/search-text";

/** Writes a document's chunks in one statement; all of them carry the document's ACL. */
export async function insertChunks(
  tx: TenantTx,
  target: { tenantId: string; documentId: string; acl: string[]; embedderId: string },
  drafts: ChunkDraft[],
  embeddings: number[][],
): Promise<void> {
  if (drafts.length === 0) return;
  await tx.$executeRaw`
    INSERT INTO chunks (id, tenant_id, document_id, ordinal, content, heading_path, page, content_hash, acl, search_text, embedding, embedding_model)
    SELECT id, ${target.tenantId}::uuid, ${target.documentId}::uuid, ordinal, content, heading_path, page, content_hash,
           ${target.acl}::text[], search_text, embedding::vector, ${target.embedderId}
    FROM unnest(
      ${drafts.map(() => randomUUID())}::uuid[],
      ${drafts.map((d) => d.ordinal)}::int[],
      ${drafts.map((d) => d.content)}::text[],
      ${drafts.map((d) => d.headingPath)}::text[],
      ${drafts.map((d) => d.page)}::int[],
      ${drafts.map((d) => d.contentHash)}::text[],
      ${drafts.map((d) => searchTextFor(`${d.headingPath}\n${d.content}`))}::text[],
      ${embeddings.map(vectorLiteral)}::text[]
    ) AS c(id, ordinal, content, heading_path, page, content_hash, search_text, embedding)`;
}
