import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { principalsOf } from "@/lib/auth/principals";
import type { AuthenticatedUser } from "@/lib/auth/user";
import { withTenant, type TenantTx } from "@/lib/db/tenant";
import { deploymentEmbedders, type DeployedEmbedder } from "@/lib/embeddings/active";
import { lexicalEmbedder } from "@/lib/embeddings/lexical";
import { SLOT_COLUMNS } from "@/lib/embeddings/slots";
import { vectorLiteral } from "@/lib/embeddings/vector-literal";
import { logger } from "@/lib/log";
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

/**
 * How much the vector ranking counts in the fusion, by embedder. Measured on the labelled sets
 * (npm run eval, retrieval): the built-in lexical embedder's hashed n-grams know no more than full
 * text does and lack its term weighting, so at full weight they pulled hit@1 down (SQuAD 0.64 → 0.36,
 * KorQuAD 0.86 → 0.71). At a small weight, and only for close neighbours, they break ties and add
 * passages full text missed. A model's embeddings carry meaning full text lacks and count fully.
 */
function vectorChannel(embedderId: string): { weight: number; minSimilarity: number } {
  return embedderId === lexicalEmbedder.id ? { weight: 0.05, minSimilarity: 0.25 } : { weight: 1, minSimilarity: 0 };
}

/**
 * Hybrid retrieval: a full-text ranking and a vector ranking, fused by reciprocal rank. The tenant
 * and the user's ACL principals are conditions of both candidate queries, so a chunk the user may not
 * read is never ranked, returned, cited or shown to a model.
 *
 * The question is embedded with the deployment's active embedder and compared with that embedder's
 * vectors only (during an embedder switch, the new vectors are not searched until every chunk has
 * one). Only chunks of each document's indexed generation are searched: a new version being written
 * stays invisible until it is swapped in whole.
 *
 * For the decision record it also reports which chunks the ACL withheld: the chunks that would have
 * made the same top list had the ACL not applied. That second query returns ids only, never text.
 */
export async function retrieve(user: AuthenticatedUser, question: string, options: SearchOptions = {}): Promise<Retrieval> {
  const query = await rankedQuery(question, options);
  const principals = principalsOf(user);
  return withTenant(user.tenantId, async (tx) => {
    await tx.$executeRawUnsafe(ITERATIVE_SCAN);
    const readable = await rankedChunks(tx, user.tenantId, query, principals);
    const unrestricted = await rankedChunkIds(tx, user.tenantId, query, principals);
    const readableIds = new Set(readable.map((c) => c.chunkId));
    const withheld = unrestricted.filter((c) => !c.readable && !readableIds.has(c.chunkId)).map(({ chunkId, documentId }) => ({ chunkId, documentId }));
    return { chunks: readable, withheld };
  });
}

/**
 * The plan Postgres chooses for a user's question (EXPLAIN of the query retrieve() runs), to check
 * that the ACL and tenant filters leave the indexes in use.
 */
export async function explainRetrieval(user: AuthenticatedUser, question: string, options: SearchOptions = {}): Promise<string> {
  const query = await rankedQuery(question, options);
  return withTenant(user.tenantId, async (tx) => {
    await tx.$executeRawUnsafe(ITERATIVE_SCAN);
    const rows = await tx.$queryRaw<{ "QUERY PLAN": string }[]>`EXPLAIN ${readableQuery(user.tenantId, query, principalsOf(user))}`;
    return rows.map((row) => row["QUERY PLAN"]).join("\n");
  });
}

// Filtered HNSW scans would otherwise stop at ef_search candidates and may return too few rows.
const ITERATIVE_SCAN = "SET LOCAL hnsw.iterative_scan = relaxed_order";

async function rankedQuery(question: string, options: SearchOptions): Promise<RankedQuery> {
  const { active } = await deploymentEmbedders();
  return { question, questionSearchText: searchTextFor(question), vector: await questionVector(active, question), embedder: active, limit: options.limit ?? 6 };
}

type RankedQuery = { question: string; questionSearchText: string; vector: string | null; embedder: DeployedEmbedder; limit: number };

// A hybrid search still answers from full text when the embedder cannot embed the question (its
// server is down, or this instance cannot reach the embedder the stored vectors came from).
async function questionVector(active: DeployedEmbedder, question: string): Promise<string | null> {
  try {
    const [vector] = await active.embedder.embed([question]);
    return vector ? vectorLiteral(vector) : null;
  } catch (error) {
    logger().warn({ err: error, embedder: active.id }, "could not embed the question; searching full text only");
    return null;
  }
}

// The fused ranking, as SQL shared by both queries. `aclCondition` is the only difference between them.
function fusedRanking(tenantId: string, query: RankedQuery, aclCondition: Prisma.Sql): Prisma.Sql {
  const vectors = vectorChannel(query.embedder.id);
  // ts_rank, not ts_rank_cd: for a question's OR of terms, cover density rewards passages that repeat
  // common words; ts_rank found the right passage first far more often (SQuAD hit@1 0.65 vs 0.39).
  return Prisma.sql`
    WITH terms AS (SELECT lore_any_terms(${query.question}, ${query.questionSearchText}) AS q),
    text_hits AS (
      SELECT c.id, row_number() OVER (ORDER BY ts_rank(c.tsv, terms.q) DESC, c.id) AS rank
      FROM chunks c JOIN documents d ON d.id = c.document_id, terms
      WHERE c.tenant_id = ${tenantId}::uuid AND ${aclCondition} AND c.tsv @@ terms.q AND c.generation <= d.indexed_generation
      ORDER BY ts_rank(c.tsv, terms.q) DESC, c.id
      LIMIT ${CANDIDATES_PER_CHANNEL}
    ),
    nearest AS (${nearestVectors(tenantId, query, aclCondition)}),
    vector_hits AS (
      SELECT id, row_number() OVER (ORDER BY distance, id) AS rank FROM nearest WHERE 1 - distance >= ${vectors.minSimilarity}
    ),
    fused AS (
      SELECT id, sum(weight / (${RRF_K} + rank))::float8 AS score
      FROM (SELECT id, rank, 1.0 AS weight FROM text_hits UNION ALL SELECT id, rank, ${vectors.weight}::float8 AS weight FROM vector_hits) ranks
      GROUP BY id
      ORDER BY score DESC, id
      LIMIT ${query.limit}
    )`;
}

// The expression and the condition match the embedder's partial HNSW index (see vector-index.ts).
function nearestVectors(tenantId: string, query: RankedQuery, aclCondition: Prisma.Sql): Prisma.Sql {
  if (query.vector === null) return Prisma.sql`SELECT NULL::uuid AS id, NULL::float8 AS distance WHERE false`;
  const { vector, model } = SLOT_COLUMNS[query.embedder.slot];
  const dims = Prisma.raw(String(query.embedder.dimensions));
  const distance = Prisma.sql`(c.${Prisma.raw(vector)}::vector(${dims})) <=> ${query.vector}::vector(${dims})`;
  return Prisma.sql`
      SELECT c.id, ${distance} AS distance
      FROM chunks c JOIN documents d ON d.id = c.document_id
      WHERE c.tenant_id = ${tenantId}::uuid AND ${aclCondition} AND c.${Prisma.raw(model)} = ${query.embedder.id} AND c.generation <= d.indexed_generation
      ORDER BY ${distance}
      LIMIT ${CANDIDATES_PER_CHANNEL}`;
}

function readableQuery(tenantId: string, query: RankedQuery, principals: string[]): Prisma.Sql {
  return Prisma.sql`
    ${fusedRanking(tenantId, query, Prisma.sql`c.acl && ${principals}::text[]`)}
    SELECT c.id AS "chunkId", c.document_id AS "documentId", d.title AS "documentTitle", c.heading_path AS "headingPath",
           c.page, c.content, fused.score
    FROM fused JOIN chunks c ON c.id = fused.id JOIN documents d ON d.id = c.document_id
    ORDER BY fused.score DESC, c.id`;
}

async function rankedChunks(tx: TenantTx, tenantId: string, query: RankedQuery, principals: string[]): Promise<RetrievedChunk[]> {
  const rows = await tx.$queryRaw<Omit<RetrievedChunk, "rank">[]>(readableQuery(tenantId, query, principals));
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
