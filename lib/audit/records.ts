import "server-only";
import { withTenant, type TenantTx } from "@/lib/db/tenant";
import type { DecisionRecord, Outcome, Prisma } from "@/lib/generated/prisma/client";
import { chainHash, GENESIS_HASH, hashedContent } from "@/lib/audit/chain";
import type { Verdict } from "@/lib/guardrails/verdicts";
import type { RetrievedChunk } from "@/lib/retrieval/hybrid-search";
import type { Reranking } from "@/lib/retrieval/rerank";
import type { SearchedQuestion } from "@/lib/retrieval/standalone-question";

export type RetrievedEntry = Pick<RetrievedChunk, "chunkId" | "documentId" | "documentTitle" | "score" | "rank">;

/**
 * A passage kept from the answer, and why: "access_control" (it ranked among the top results, but the
 * reader may not read its document) or the guardrail check that withheld it ("document_injection").
 * Records written before reasons were kept hold only the ids.
 */
export type WithheldPassage = { chunkId: string; documentId: string; documentTitle: string | null; reason: string };

/** Milliseconds a turn spent in each stage. */
export type StageTimings = { guardrails: number; retrieval: number; model: number; outputChecks: number; total: number };

/** What a chat turn reports about itself; the log adds the sequence number, time and chain hashes. */
export type DecisionDraft = {
  id: string;
  tenantId: string;
  userId: string;
  userEmail: string;
  conversationId: string | null;
  question: string;
  answer: string;
  outcome: Outcome;
  mode: string;
  model: string;
  promptVersion: string;
  policyVersion: number | null;
  retrieved: RetrievedEntry[];
  withheld: WithheldPassage[];
  verdicts: Verdict[] | Prisma.InputJsonObject[];
  tokensIn: number;
  tokensOut: number;
  latencyMs: number;
  error: string | null;
  requestId?: string | null;
  timings?: StageTimings | null;
  search?: DecisionSearch | null;
};

/**
 * What retrieval searched for: the question, or a follow-up rewritten to stand alone (by the model,
 * or joined to the previous question), stored redacted like the question; and how a configured
 * reranker did.
 */
export type DecisionSearch = { text: string; rewrittenBy: SearchedQuestion["rewrittenBy"]; reranking: Reranking | null };

/** Where an appended record landed in the log; the rest of it is the draft, as written. */
export type ChainedRecord = Pick<DecisionRecord, "id" | "seq" | "createdAt" | "prevHash" | "hash">;

/** Appends one record to the tenant's log, in a transaction of its own. */
export async function appendDecisionRecord(draft: DecisionDraft): Promise<ChainedRecord> {
  return withTenant(draft.tenantId, (tx) => appendDecisionRecordIn(tx, draft));
}

/**
 * Appends one record to the tenant's log within the caller's transaction (the turn writes its answer
 * and token usage in the same one). A transaction-scoped advisory lock per tenant serialises appends
 * (across app instances too), so sequence numbers have no gaps and each record chains to the one
 * before it. Two statements: the lock with the chain head, and the insert.
 */
export async function appendDecisionRecordIn(tx: TenantTx, draft: DecisionDraft): Promise<ChainedRecord> {
  const last = await lockedChainHead(tx, draft.tenantId);
  // Times never go back along the chain (another instance's clock may be behind): the console turns a
  // date range into a range of seqs, which relies on it.
  const now = new Date();
  const createdAt = last && last.createdAt > now ? last.createdAt : now;
  const record = {
    ...draft,
    // JSON columns hold exactly what JSON can: normalising here makes the hash match the stored row.
    retrieved: asJson(draft.retrieved),
    withheld: asJson(draft.withheld),
    verdicts: asJson(draft.verdicts) as Prisma.InputJsonArray,
    requestId: draft.requestId ?? null,
    timings: draft.timings ? (asJson(draft.timings) as Prisma.InputJsonObject) : null,
    search: draft.search ? (asJson(draft.search) as Prisma.InputJsonObject) : null,
    seq: (last?.seq ?? 0) + 1,
    createdAt,
    withheldCount: draft.withheld.length,
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  const hash = chainHash(record.prevHash, hashedContent(record));
  // Nothing is read back but the id: the caller has the rest. The whole row as RETURNING gives it (the
  // answer, the JSON columns) cost about half a millisecond of each append.
  await tx.decisionRecord.create({ data: { ...record, timings: record.timings ?? undefined, search: record.search ?? undefined, hash }, select: { id: true } });
  return { id: record.id, seq: record.seq, createdAt: record.createdAt, prevHash: record.prevHash, hash };
}

/**
 * Locks the tenant's log until the caller's transaction ends (see lockDecisionLog) and returns the
 * record the next one chains to: the newest record, or, when a purge removed every record, the last
 * one removed as its purge checkpoint states it (so the chain goes on where it was). Null: none yet.
 * One statement, the database function lore_lock_decision_log_head, whose read runs after the lock
 * is held with a snapshot of its own: the read cannot share the lock's statement, which would see the
 * log as it was before waiting for the lock (the migration 20261207143700_decision_log_head says more).
 */
export async function lockedChainHead(tx: TenantTx, tenantId: string): Promise<{ seq: number; hash: string; createdAt: Date } | null> {
  const [head] = await tx.$queryRaw<{ seq: number; hash: string; created_at: Date | string }[]>`
    SELECT seq, hash, created_at FROM lore_lock_decision_log_head(${tenantId}::uuid)`;
  return head ? { seq: head.seq, hash: head.hash, createdAt: new Date(head.created_at) } : null;
}

/** Holds off appends to the tenant's log until the caller's transaction ends (appends, checkpoints, purges). */
export async function lockDecisionLog(tx: TenantTx, tenantId: string): Promise<void> {
  await tx.$executeRaw`SELECT lore_lock_decision_log(${tenantId}::uuid)`;
}

function asJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
