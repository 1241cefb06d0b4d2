import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { principalsOf } from "@/lib/auth/principals";
import type { AuthenticatedUser } from "@/lib/auth/user";
import { withTenant, type TenantTx } from "@/lib/db/tenant";
import { activeEmbedder } from "@/lib/embeddings/active";
import type { Embedder } from "@/lib/embeddings/embedder";
import { vectorLiteral } from "@/lib/embeddings/vector-literal";
import { searchTextFor } from "@/lib/retrieval/search-text";

export type RetrievedChunk = {
  chunkId: string;
  documentId: string;
  documentTitle: string;
  headingPath: string;
  page: number | null;
  content: string;
  /** reciprocal-rank-fusion score of the full-text and vector rankings */
  score: number;
  rank: number;
};

export type WithheldChunk = { chunkId: string; documentId: string };

export type Retrieval = { chunks: RetrievedChunk[]; withheld: WithheldChunk[] };

export type SearchOptions = { limit?: number };

// RRF's usual constant; candidates per channel are a few times the final limit so fusion has room.
const RRF_K = 60;
const CANDIDATES_PER_CHANNEL = 40;
// Below this cosine similarity a lexical-vector neighbour shares too little with the question to count.
const MIN_VECTOR_SIMILARITY = 0.12;

/**
 * Hybrid retrieval: a full-text ranking and a vector ranking, fused by reciprocal rank. The tenant
 * and the user's ACL principals are conditions of both candidate queries, so a chunk the user may not
 * read is never ranked, returned, cited or shown to a model.
 *
 * For the decision record it also reports which chunks the ACL withheld: the chunks that would have
 * made the same top list had the ACL not applied. That second query returns ids only, never text.
 */
export async function retrieve(user: AuthenticatedUser, question: string, options: SearchOptions = {}): Promise<Retrieval> {
  const limit = options.limit ?? 6;
  const embedder = activeEmbedder();
  const [questionVector] = await embedder.embed([question]);
  const query: RankedQuery = {
    question,
    questionSearchText: searchTextFor(question),
    vector: vectorLiteral(questionVector ?? []),
    embedder,
    limit,
  };
  const principals = principalsOf(user);
  return withTenant(user.tenantId, async (tx) => {
    // Filtered HNSW scans would otherwise stop at ef_search candidates and may return too few rows.
    await tx.$executeRawUnsafe("SET LOCAL hnsw.iterative_scan = relaxed_order");
    const readable = await rankedChunks(tx, user.tenantId, query, principals);
    const unrestricted = await rankedChunkIds(tx, user.tenantId, query, principals);
    const readableIds = new Set(readable.map((c) => c.chunkId));
    const withheld = unrestricted.filter((c) => !c.readable && !readableIds.has(c.chunkId)).map(({ chunkId, documentId }) => ({ chunkId, documentId }));
    return { chunks: readable, withheld };
  });
}

type RankedQuery = { question: string; questionSearchText: string; vector: string; embedder: Embedder; limit: number };

// The fused ranking, as SQL shared by both queries. `aclCondition` is the only difference between them.
function fusedRanking(tenantId: string, query: RankedQuery, aclCondition: Prisma.Sql): Prisma.Sql {
  const dims = Prisma.raw(String(query.embedder.dimensions));
  return Prisma.sql`
    WITH terms AS (SELECT lore_any_terms(${query.question}, ${query.questionSearchText}) AS q),
    text_hits AS (
      SELECT c.id, row_number() OVER (ORDER BY ts_rank_cd(c.tsv, terms.q, 1) DESC, c.id) AS rank
      FROM chunks c, terms
      WHERE c.tenant_id = ${tenantId}::uuid AND ${aclCondition} AND c.tsv @@ terms.q
      ORDER BY ts_rank_cd(c.tsv, terms.q, 1) DESC, c.id
      LIMIT ${CANDIDATES_PER_CHANNEL}
    ),
    nearest AS (
      SELECT c.id, (c.embedding::vector(${dims})) <=> ${query.vector}::vector(${dims}) AS distance
      FROM chunks c
      WHERE c.tenant_id = ${tenantId}::uuid AND ${aclCondition} AND c.embedding_model = ${query.embedder.id}
      ORDER BY (c.embedding::vector(${dims})) <=> ${query.vector}::vector(${dims})
      LIMIT ${CANDIDATES_PER_CHANNEL}
    ),
    vector_hits AS (
      SELECT id, row_number() OVER (ORDER BY distance, id) AS rank FROM nearest WHERE 1 - distance >= ${MIN_VECTOR_SIMILARITY}
    ),
    fused AS (
      SELECT id, sum(1.0 / (${RRF_K} + rank))::float8 AS score
      FROM (SELECT id, rank FROM text_hits UNION ALL SELECT id, rank FROM vector_hits) ranks
      GROUP BY id
      ORDER BY score DESC, id
      LIMIT ${query.limit}
    )`;
}

async function rankedChunks(tx: TenantTx, tenantId: string, query: RankedQuery, principals: string[]): Promise<RetrievedChunk[]> {
  const rows = await tx.$queryRaw<Omit<RetrievedChunk, "rank">[]>`
    ${fusedRanking(tenantId, query, Prisma.sql`c.acl && ${principals}::text[]`)}
    SELECT c.id AS "chunkId", c.document_id AS "documentId", d.title AS "documentTitle", c.heading_path AS "headingPath",
           c.page, c.content, fused.score
    FROM fused JOIN chunks c ON c.id = fused.id JOIN documents d ON d.id = c.document_id
    ORDER BY fused.score DESC, c.id`;
  return rows.map((row, i) => ({ ...row, rank: i + 1 }));
}

async function rankedChunkIds(tx: TenantTx, tenantId: string, query: RankedQuery, principals: string[]) {
  // No ACL here: this ranking only tells the record what the ACL kept out. It selects no content.
  return tx.$queryRaw<{ chunkId: string; documentId: string; readable: boolean }[]>`
    ${fusedRanking(tenantId, query, Prisma.sql`TRUE`)}
    SELECT c.id AS "chunkId", c.document_id AS "documentId", c.acl && ${principals}::text[] AS readable
    FROM fused JOIN chunks c ON c.id = fused.id
    ORDER BY fused.score DESC, c.id`;
}
