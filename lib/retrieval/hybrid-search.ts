import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { principalsOf } from "@/lib/auth/principals";
import type { AuthenticatedUser } from "@/lib/auth/user";
import { withTenant, type TenantTx } from "@/lib/db/tenant";
import { deploymentEmbedders, type DeployedEmbedder } from "@/lib/embeddings/active";
import { lexicalEmbedder } from "@/lib/embeddings/lexical";
import { PACKAGED_MODEL_EMBEDDER_ID } from "@/lib/embeddings/local-model";
import { SLOT_COLUMNS } from "@/lib/embeddings/slots";
import { vectorLiteral } from "@/lib/embeddings/vector-literal";
import { config } from "@/lib/config";
import { logger } from "@/lib/log";
import type { LanguageModel } from "ai";
import { questionTerms, type QuestionTerms } from "@/lib/retrieval/bm25";
import { rerank, type Reranking } from "@/lib/retrieval/rerank";
import { standaloneQuestion, type EarlierTurn, type SearchedQuestion } from "@/lib/retrieval/standalone-question";

export type RetrievedChunk = {
  chunkId: string;
  documentId: string;
  documentTitle: string;
  headingPath: string;
  page: number | null;
  content: string;
  /** reciprocal-rank-fusion score of the lexical and vector rankings */
  score: number;
  /** the rerank endpoint's score, when it ordered the passages */
  relevance?: number;
  rank: number;
};

export type WithheldChunk = { chunkId: string; documentId: string };

export type Retrieval = {
  chunks: RetrievedChunk[];
  withheld: WithheldChunk[];
  /** what was searched for: the question, or a follow-up rewritten to stand alone (for the decision record) */
  searched: SearchedQuestion;
  /** what the rerank step did (null when no rerank endpoint is configured): kept for the decision record */
  reranking: Reranking | null;
};

export type SearchOptions = {
  limit?: number;
  /** at most this many distinct question terms are searched (the bench tries others) */
  termCap?: number;
  /** the bound on a wide reader's lexical candidates, in chunks (see CANDIDATE_BUDGET; the bench tries others) */
  candidateBudget?: number;
  /** the channels' weights in the fusion instead of the active embedder's (the eval measures others; lexical 0 ranks by vectors alone) */
  fusionWeights?: { lexical: number; vector: number };
  /** the conversation so far: a follow-up question is rewritten to stand alone before it is searched */
  earlier?: EarlierTurn[];
  /** the chat model that rewrites follow-ups; without one they are joined to the previous question */
  model?: LanguageModel | null;
};

// RRF's usual constant; candidates per channel are a few times the final limit so fusion has room.
const RRF_K = 60;
const CANDIDATES_PER_CHANNEL = 40;
// See lore_search_scans (migration search_total_read_once): a workspace or a reader of at most
// EXACT_READABLE chunks is ranked exactly; any other reader's candidates are the chunks holding one of
// the rarest question terms (which hold at most about CANDIDATE_BUDGET chunks between them) or two of
// the next commoner ones. Chosen by the retrieval bench at 100k chunks (candidate_budget, quiet
// machine): 1,000 kept 97.6–99.1% of the exact top 10 at p95 40–44 ms; 500 lost 3–7% of it for about
// 8 ms; the rarest terms alone needed a budget of 8,000 and p95 75–77 ms for that recall.
const CANDIDATE_BUDGET = 1_000;
const EXACT_READABLE = 3_000;

/**
 * How much the vector ranking counts in the fusion, by embedder. The built-in lexical embedder's
 * hashed n-grams know no more than BM25 does: on the tuning halves of the development sets the
 * fusion with it did not improve on BM25 alone, so its channel is not searched at all.
 *
 * Nor is the local English model's (Universal Sentence Encoder lite), measured the same way
 * (`npm run eval -- --only retrieval_local_model`, 500 questions a set, MRR@10 on the tuning half):
 * alone it ranks far below BM25 (SQuAD 0.443 against 0.858; KorQuAD 0.014, it knows no Korean), and
 * every weight tried, down to 0.02, made the fusion worse than BM25 alone on SQuAD (0.851 at 0.02,
 * 0.817 at 0.1, 0.663 at 1); the held-out half agrees (0.877 alone, 0.867 at 0.02). Other models
 * count fully until they are measured.
 */
function vectorWeight(embedderId: string): number {
  return embedderId === lexicalEmbedder.id || embedderId === PACKAGED_MODEL_EMBEDDER_ID ? 0 : 1;
}

/**
 * Hybrid retrieval: a BM25 ranking of the question's terms and, with an embedding model, a vector
 * ranking, fused by reciprocal rank. The tenant and the user's ACL principals are conditions of both
 * candidate queries, so a chunk the user may not read is never ranked, returned, cited or shown to a
 * model.
 *
 * The question is embedded with the deployment's active embedder and compared with that embedder's
 * vectors only (during an embedder switch, the new vectors are not searched until every chunk has
 * one). Only chunks of each document's indexed generation are searched: a new version being written
 * stays invisible until it is swapped in whole.
 *
 * For the decision record it also reports which chunks the ACL withheld: the chunks that would have
 * made the same top list had the ACL not applied. The same candidate scan yields them (ids only,
 * never text), so the ranking is not run twice.
 *
 * With a rerank endpoint configured, the best fused candidates (RERANK_CANDIDATES of them) are
 * reordered by it and the best `limit` that reach its minimum score are kept; should it fail, the
 * fused order stands and `reranking` says why (lib/retrieval/rerank.ts).
 */
export async function retrieve(user: AuthenticatedUser, question: string, options: SearchOptions = {}): Promise<Retrieval> {
  const limit = options.limit ?? 6;
  const reranker = config().rerank;
  const candidates = reranker ? Math.max(limit, reranker.candidates) : limit;
  const searched = await standaloneQuestion(question, options.earlier ?? [], options.model ?? null);
  const { active } = await deploymentEmbedders();
  const lexicalWeight = options.fusionWeights?.lexical ?? 1;
  const weight = options.fusionWeights?.vector ?? vectorWeight(active.id);
  const terms = questionTerms(user.tenantId, searched.text, options.termCap);
  const vector = weight > 0 ? await questionVector(active, searched.text) : null;
  const principals = principalsOf(user);
  const found = await withTenant(user.tenantId, async (tx) => {
    const lexical = await lexicalRanking(tx, principals, terms, options.candidateBudget ?? CANDIDATE_BUDGET);
    const semantic = vector === null ? { readable: [], unrestricted: [] } : await vectorRankings(tx, user.tenantId, active, vector, principals);
    const readable = fuse([
      { ids: lexical.readable, weight: lexicalWeight },
      { ids: semantic.readable, weight },
    ]).slice(0, candidates);
    const unrestricted = fuse([
      { ids: mergeByScore(lexical.readableScored, lexical.unreadableScored), weight: lexicalWeight },
      { ids: semantic.unrestricted.map((c) => c.chunkId), weight },
    ]).slice(0, limit);
    const unreadable = new Set([...lexical.unreadableScored.map((c) => c.chunkId), ...semantic.unrestricted.filter((c) => !c.readable).map((c) => c.chunkId)]);
    const chunks = await chunkDetails(tx, readable, principals);
    const withheld = await documentsOf(
      tx,
      unrestricted.filter((c) => unreadable.has(c.chunkId)).map((c) => c.chunkId),
    );
    return { chunks, withheld };
  });
  if (!reranker) return { ...found, searched, reranking: null };
  // After the transaction: a slow endpoint must not hold a database connection. The candidates are
  // chunkDetails' readable chunks only, so a withheld passage's text is never sent.
  const { kept, reranking } = await rerank(reranker, searched.text, found.chunks, limit);
  return { chunks: kept.map((chunk, i) => ({ ...chunk, rank: i + 1 })), withheld: found.withheld, searched, reranking };
}

/**
 * The plans of the lexical ranking's scans for a user's question (EXPLAIN ANALYZE inside
 * lore_lexical_search_plan), to check which indexes run under row-level security.
 */
export async function explainLexicalSearch(user: AuthenticatedUser, question: string): Promise<string> {
  const terms = questionTerms(user.tenantId, question);
  return withTenant(user.tenantId, async (tx) => {
    const rows = await tx.$queryRaw<{ line: string }[]>`
      SELECT line FROM lore_lexical_search_plan(${principalsOf(user)}::text[], ${terms.ids}::int[], ${terms.counts}::int[], ${CANDIDATES_PER_CHANNEL}, ${CANDIDATE_BUDGET}, ${EXACT_READABLE}) AS line`;
    return rows.map((row) => row.line).join("\n");
  });
}

/** The plan Postgres chooses for the vector ranking of a user's question, to check which index it uses. */
export async function explainRetrieval(user: AuthenticatedUser, question: string): Promise<string> {
  const { active } = await deploymentEmbedders();
  const vector = await questionVector(active, question);
  if (vector === null) return "";
  return withTenant(user.tenantId, async (tx) => {
    await tx.$executeRawUnsafe(ITERATIVE_SCAN);
    const rows = await tx.$queryRaw<
      { "QUERY PLAN": string }[]
    >`EXPLAIN ${nearestVectors(user.tenantId, active, vector, Prisma.sql`c.acl && ${principalsOf(user)}::text[]`)}`;
    return rows.map((row) => row["QUERY PLAN"]).join("\n");
  });
}

// Filtered HNSW scans would otherwise stop at ef_search candidates and may return too few rows.
const ITERATIVE_SCAN = "SET LOCAL hnsw.iterative_scan = relaxed_order";

// A hybrid search still answers from its terms when the embedder cannot embed the question (its
// server is down, or this instance cannot reach the embedder the stored vectors came from).
async function questionVector(active: DeployedEmbedder, question: string): Promise<string | null> {
  try {
    const [vector] = await active.embedder.embed([question]);
    return vector ? vectorLiteral(vector) : null;
  } catch (error) {
    logger().warn({ err: error, embedder: active.id }, "could not embed the question; searching its terms only");
    return null;
  }
}

type Scored = { chunkId: string; score: number };

async function lexicalRanking(tx: TenantTx, principals: string[], terms: QuestionTerms, candidateBudget: number) {
  if (terms.ids.length === 0) return { readable: [], readableScored: [], unreadableScored: [] };
  const rows = await tx.$queryRaw<{ chunkId: string; score: number; readable: boolean }[]>`
    SELECT chunk_id AS "chunkId", score, readable
    FROM lore_lexical_search(${principals}::text[], ${terms.ids}::int[], ${terms.counts}::int[], ${CANDIDATES_PER_CHANNEL}, ${candidateBudget}, ${EXACT_READABLE})`;
  const readableScored = rows.filter((r) => r.readable).map(({ chunkId, score }) => ({ chunkId, score }));
  const unreadableScored = rows.filter((r) => !r.readable).map(({ chunkId, score }) => ({ chunkId, score }));
  return { readable: readableScored.map((r) => r.chunkId), readableScored, unreadableScored };
}

function mergeByScore(...lists: Scored[][]): string[] {
  return lists
    .flat()
    .sort((a, b) => b.score - a.score || a.chunkId.localeCompare(b.chunkId))
    .map((c) => c.chunkId);
}

/** Reciprocal-rank fusion of rankings (ids, best first), each with its weight; best first. */
function fuse(rankings: { ids: string[]; weight: number }[]): { chunkId: string; score: number }[] {
  const scores = new Map<string, number>();
  for (const { ids, weight } of rankings) {
    if (weight <= 0) continue;
    ids.forEach((id, index) => {
      scores.set(id, (scores.get(id) ?? 0) + weight / (RRF_K + index + 1));
    });
  }
  return [...scores.entries()].map(([chunkId, score]) => ({ chunkId, score })).sort((a, b) => b.score - a.score || a.chunkId.localeCompare(b.chunkId));
}

async function vectorRankings(tx: TenantTx, tenantId: string, embedder: DeployedEmbedder, vector: string, principals: string[]) {
  await tx.$executeRawUnsafe(ITERATIVE_SCAN);
  const readable = await tx.$queryRaw<{ id: string }[]>(nearestVectors(tenantId, embedder, vector, Prisma.sql`c.acl && ${principals}::text[]`));
  // Without the ACL, for the record only: ids and whether the user may read them, never text.
  const unrestricted = await tx.$queryRaw<{ id: string; readable: boolean }[]>`
    SELECT nearest.id, c.acl && ${principals}::text[] AS readable
    FROM (${nearestVectors(tenantId, embedder, vector, Prisma.sql`TRUE`)}) nearest JOIN chunks c ON c.id = nearest.id
    ORDER BY nearest.distance, nearest.id`;
  return { readable: readable.map((r) => r.id), unrestricted: unrestricted.map((r) => ({ chunkId: r.id, readable: r.readable })) };
}

// The expression and the condition match the embedder's partial HNSW index (see vector-index.ts).
function nearestVectors(tenantId: string, embedder: DeployedEmbedder, vector: string, aclCondition: Prisma.Sql): Prisma.Sql {
  const { vector: column, model } = SLOT_COLUMNS[embedder.slot];
  const dims = Prisma.raw(String(embedder.dimensions));
  const distance = Prisma.sql`(c.${Prisma.raw(column)}::vector(${dims})) <=> ${vector}::vector(${dims})`;
  return Prisma.sql`
      SELECT c.id, ${distance} AS distance
      FROM chunks c JOIN documents d ON d.id = c.document_id
      WHERE c.tenant_id = ${tenantId}::uuid AND ${aclCondition} AND c.${Prisma.raw(model)} = ${embedder.id} AND c.generation <= d.indexed_generation
      ORDER BY ${distance}
      LIMIT ${CANDIDATES_PER_CHANNEL}`;
}

// The ACL is checked once more as the text is read: only readable chunks were ranked, and this keeps
// it so should the ranking ever be wrong.
async function chunkDetails(tx: TenantTx, ranked: { chunkId: string; score: number }[], principals: string[]): Promise<RetrievedChunk[]> {
  if (ranked.length === 0) return [];
  const rows = await tx.$queryRaw<Omit<RetrievedChunk, "rank" | "score">[]>`
    SELECT c.id AS "chunkId", c.document_id AS "documentId", d.title AS "documentTitle", c.heading_path AS "headingPath", c.page, c.content
    FROM chunks c JOIN documents d ON d.id = c.document_id
    WHERE c.id = ANY(${ranked.map((r) => r.chunkId)}::uuid[]) AND c.acl && ${principals}::text[]`;
  const byId = new Map(rows.map((row) => [row.chunkId, row]));
  return ranked
    .flatMap((r) => {
      const row = byId.get(r.chunkId);
      return row ? [{ ...row, score: r.score }] : [];
    })
    .map((chunk, i) => ({ ...chunk, rank: i + 1 }));
}

async function documentsOf(tx: TenantTx, chunkIds: string[]): Promise<WithheldChunk[]> {
  if (chunkIds.length === 0) return [];
  const rows = await tx.$queryRaw<WithheldChunk[]>`
    SELECT id AS "chunkId", document_id AS "documentId" FROM chunks WHERE id = ANY(${chunkIds}::uuid[])`;
  const byId = new Map(rows.map((row) => [row.chunkId, row]));
  return chunkIds.flatMap((id) => byId.get(id) ?? []);
}
