import "server-only";
import type { TenantTx } from "@/lib/db/tenant";
import { SLOT_COLUMNS } from "@/lib/embeddings/slots";
import type { IndexedEmbedder } from "@/lib/embeddings/vector-index";
import { vectorLiteral } from "@/lib/embeddings/vector-literal";
import type { EmbeddingSlot } from "@/lib/generated/prisma/enums";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ChunkDraft } from "@/lib/ingest/chunk";
import { chunkTerms, sparseLiteral, TERMS_VERSION } from "@/lib/retrieval/bm25";

// The chunk writes of indexing, as raw SQL (the table is hand-written: see schema.prisma). Every
// function runs in the caller's tenant transaction.

/** A chunk that search can see now: its generation is at most the document's indexed generation. */
export type LiveChunk = { id: string; contentHash: string; ordinal: number; page: number | null };

export async function liveChunks(tx: TenantTx, documentId: string, indexedGeneration: number): Promise<LiveChunk[]> {
  return tx.$queryRaw<LiveChunk[]>`
    SELECT id, content_hash AS "contentHash", ordinal, page FROM chunks
    WHERE document_id = ${documentId}::uuid AND generation <= ${indexedGeneration}
    ORDER BY ordinal`;
}

/** Removes chunks written by an indexing that never completed (cancelled, failed, or its worker died). */
export async function deleteStagedChunks(tx: TenantTx, documentId: string, indexedGeneration: number): Promise<void> {
  await tx.$executeRaw`DELETE FROM chunks WHERE document_id = ${documentId}::uuid AND generation > ${indexedGeneration}`;
}

/**
 * The document's readers, with its row locked until commit. Chunks are written with the readers read
 * here, and a change of readers (which locks the same row) waits for them, so it also covers them.
 * Null if the document was deleted.
 */
export async function lockedAcl(tx: TenantTx, documentId: string): Promise<string[] | null> {
  const rows = await tx.$queryRaw<{ acl: string[] }[]>`SELECT acl FROM documents WHERE id = ${documentId}::uuid FOR SHARE`;
  return rows[0]?.acl ?? null;
}

export type SlotVector = { slot: EmbeddingSlot; model: string; vector: number[] };
export type NewChunk = { draft: ChunkDraft; vectors: SlotVector[] };
type Target = { tenantId: string; documentId: string; generation: number; acl: string[] };

/**
 * Writes new chunks at the target generation, in one statement, with a vector in each slot given and
 * their BM25 terms (a trigger copies those into the search index, see the bm25_search migration).
 */
export async function insertChunks(tx: TenantTx, target: Target, chunks: NewChunk[]): Promise<void> {
  if (chunks.length === 0) return;
  const inSlot = (slot: EmbeddingSlot) => chunks.map((c) => c.vectors.find((v) => v.slot === slot) ?? null);
  const [a, b] = [inSlot("a"), inSlot("b")];
  const terms = chunks.map((c) => chunkTerms(target.tenantId, c.draft));
  await tx.$executeRaw`
    INSERT INTO chunks (id, tenant_id, document_id, ordinal, content, heading_path, page, content_hash, acl, generation,
                        embedding, embedding_model, embedding_b, embedding_model_b, term_ids, term_weights, term_count, terms_version)
    SELECT gen_random_uuid(), ${target.tenantId}::uuid, ${target.documentId}::uuid, ordinal, content, heading_path, page, content_hash,
           ${target.acl}::text[], ${target.generation}, ea::vector, ma, eb::vector, mb, ti::int[], tw::sparsevec, tc, ${TERMS_VERSION}
    FROM unnest(
      ${chunks.map((c) => c.draft.ordinal)}::int[],
      ${chunks.map((c) => c.draft.content)}::text[],
      ${chunks.map((c) => c.draft.headingPath)}::text[],
      ${chunks.map((c) => c.draft.page)}::int[],
      ${chunks.map((c) => c.draft.contentHash)}::text[],
      ${a.map((v) => (v ? vectorLiteral(v.vector) : null))}::text[],
      ${a.map((v) => v?.model ?? null)}::text[],
      ${b.map((v) => (v ? vectorLiteral(v.vector) : null))}::text[],
      ${b.map((v) => v?.model ?? null)}::text[],
      ${terms.map((t) => `{${t.ids.join(",")}}`)}::text[],
      ${terms.map((t) => sparseLiteral(t.ids, t.weights))}::text[],
      ${terms.map((t) => t.length)}::int[]
    ) AS c(ordinal, content, heading_path, page, content_hash, ea, ma, eb, mb, ti, tw, tc)`;
}

/**
 * Copies unchanged chunks that moved (a new ordinal or page) to the target generation, vectors and
 * all, inside the database: nothing is embedded again and no vector travels to the app.
 */
export async function copyMovedChunks(tx: TenantTx, target: Target, moves: { fromId: string; ordinal: number; page: number | null }[]): Promise<void> {
  if (moves.length === 0) return;
  await tx.$executeRaw`
    INSERT INTO chunks (id, tenant_id, document_id, ordinal, content, heading_path, page, content_hash, acl, generation,
                        embedding, embedding_model, embedding_b, embedding_model_b, term_ids, term_weights, term_count, terms_version)
    SELECT gen_random_uuid(), c.tenant_id, c.document_id, m.ordinal, c.content, c.heading_path, m.page, c.content_hash,
           ${target.acl}::text[], ${target.generation}, c.embedding, c.embedding_model, c.embedding_b, c.embedding_model_b,
           c.term_ids, c.term_weights, c.term_count, c.terms_version
    FROM unnest(${moves.map((m) => m.fromId)}::uuid[], ${moves.map((m) => m.ordinal)}::int[], ${moves.map((m) => m.page)}::int[]) AS m(from_id, ordinal, page)
    JOIN chunks c ON c.id = m.from_id AND c.document_id = ${target.documentId}::uuid`;
}

/** In the swap: deletes the document's searchable chunks except those kept as they were. Returns how many. */
export async function deleteLiveChunksExcept(tx: TenantTx, documentId: string, indexedGeneration: number, keepIds: string[]): Promise<number> {
  return tx.$executeRaw`
    DELETE FROM chunks
    WHERE document_id = ${documentId}::uuid AND generation <= ${indexedGeneration} AND NOT (id = ANY(${keepIds}::uuid[]))`;
}

/** The document's chunks (searchable or being written) that lack a vector from this embedder, a batch at a time. */
export async function chunksWithoutVector(tx: TenantTx, documentId: string, embedder: Pick<IndexedEmbedder, "id" | "slot">, limit: number) {
  const model = Prisma.raw(SLOT_COLUMNS[embedder.slot].model);
  return tx.$queryRaw<{ id: string; headingPath: string; content: string }[]>`
    SELECT id, heading_path AS "headingPath", content FROM chunks
    WHERE document_id = ${documentId}::uuid AND ${model} IS DISTINCT FROM ${embedder.id}
    ORDER BY generation, ordinal
    LIMIT ${limit}`;
}

export async function countChunksWithoutVector(tx: TenantTx, documentId: string, embedder: Pick<IndexedEmbedder, "id" | "slot">): Promise<number> {
  const model = Prisma.raw(SLOT_COLUMNS[embedder.slot].model);
  const rows = await tx.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM chunks WHERE document_id = ${documentId}::uuid AND ${model} IS DISTINCT FROM ${embedder.id}`;
  return rows[0]?.n ?? 0;
}

/** The tenant's documents with any chunk lacking a vector from this embedder. */
export async function documentsWithoutVectors(tx: TenantTx, tenantId: string, embedder: Pick<IndexedEmbedder, "id" | "slot">): Promise<string[]> {
  const model = Prisma.raw(SLOT_COLUMNS[embedder.slot].model);
  const rows = await tx.$queryRaw<{ documentId: string }[]>`
    SELECT DISTINCT document_id AS "documentId" FROM chunks WHERE tenant_id = ${tenantId}::uuid AND ${model} IS DISTINCT FROM ${embedder.id}`;
  return rows.map((row) => row.documentId);
}

/** Puts an embedder's vectors into its slot of the given chunks. */
export async function setVectors(tx: TenantTx, embedder: Pick<IndexedEmbedder, "id" | "slot">, rows: { id: string; vector: number[] }[]): Promise<void> {
  if (rows.length === 0) return;
  const { vector, model } = SLOT_COLUMNS[embedder.slot];
  await tx.$executeRaw`
    UPDATE chunks SET ${Prisma.raw(vector)} = v.embedding::vector, ${Prisma.raw(model)} = ${embedder.id}
    FROM unnest(${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => vectorLiteral(r.vector))}::text[]) AS v(id, embedding)
    WHERE chunks.id = v.id`;
}

/** A change of readers reaches every chunk of the document, being written ones included. */
export async function setChunkAcl(tx: TenantTx, documentId: string, acl: string[]): Promise<void> {
  await tx.$executeRaw`UPDATE chunks SET acl = ${acl}::text[] WHERE document_id = ${documentId}::uuid AND acl IS DISTINCT FROM ${acl}::text[]`;
}
