import "server-only";
import { withTenant, type TenantTx } from "@/lib/db/tenant";
import type { DecisionRecord, Outcome, Prisma } from "@/lib/generated/prisma/client";
import { chainHash, GENESIS_HASH } from "@/lib/audit/chain";
import type { Verdict } from "@/lib/guardrails/verdicts";
import type { RetrievedChunk, WithheldChunk } from "@/lib/retrieval/hybrid-search";

export type RetrievedEntry = Pick<RetrievedChunk, "chunkId" | "documentId" | "documentTitle" | "score" | "rank">;

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
  withheld: WithheldChunk[];
  verdicts: Verdict[] | Prisma.InputJsonObject[];
  tokensIn: number;
  tokensOut: number;
  latencyMs: number;
  error: string | null;
  requestId?: string | null;
  timings?: StageTimings | null;
};

// Fields added after the first records were written. A record written before holds null in them, and
// its hash was computed without them: they are left out of the hashed content when null, so old
// records verify as they always did and every new record's hash covers them.
const LATER_FIELDS = ["requestId", "timings"] as const;

/** The fields a record's hash covers: all of them but the hash itself, as they read back from the database. */
function hashedContent(record: { createdAt: Date } & Record<string, unknown>): Record<string, unknown> {
  const content: Record<string, unknown> = { ...record, createdAt: record.createdAt.toISOString() };
  for (const field of LATER_FIELDS) if (content[field] === null || content[field] === undefined) delete content[field];
  return content;
}

/** Appends one record to the tenant's log, in a transaction of its own. */
export async function appendDecisionRecord(draft: DecisionDraft): Promise<DecisionRecord> {
  return withTenant(draft.tenantId, (tx) => appendDecisionRecordIn(tx, draft));
}

/**
 * Appends one record to the tenant's log within the caller's transaction (the turn writes its answer
 * and token usage in the same one). A transaction-scoped advisory lock per tenant serialises appends
 * (across app instances too), so sequence numbers have no gaps and each record chains to the one
 * before it.
 */
export async function appendDecisionRecordIn(tx: TenantTx, draft: DecisionDraft): Promise<DecisionRecord> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`decisions:${draft.tenantId}`}, 0))`;
  const last = await tx.decisionRecord.findFirst({ where: { tenantId: draft.tenantId }, orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  const record = {
    ...draft,
    // JSON columns hold exactly what JSON can: normalising here makes the hash match the stored row.
    retrieved: asJson(draft.retrieved),
    withheld: asJson(draft.withheld),
    verdicts: asJson(draft.verdicts) as Prisma.InputJsonArray,
    requestId: draft.requestId ?? null,
    timings: draft.timings ? (asJson(draft.timings) as Prisma.InputJsonObject) : null,
    seq: (last?.seq ?? 0) + 1,
    createdAt: new Date(),
    withheldCount: draft.withheld.length,
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  const hash = chainHash(record.prevHash, hashedContent(record));
  return tx.decisionRecord.create({ data: { ...record, timings: record.timings ?? undefined, hash } });
}

function asJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export type ChainCheck = { ok: true; count: number } | { ok: false; count: number; brokenAtSeq: number; reason: string };

/** Recomputes the tenant's whole chain; the first record that does not match is where tampering happened. */
export async function verifyDecisionChain(tenantId: string): Promise<ChainCheck> {
  const records = await withTenant(tenantId, (tx) => tx.decisionRecord.findMany({ where: { tenantId }, orderBy: { seq: "asc" } }));
  let prevHash = GENESIS_HASH;
  for (const [index, record] of records.entries()) {
    const { hash, ...content } = record;
    if (record.seq !== index + 1) return { ok: false, count: records.length, brokenAtSeq: index + 1, reason: "a record is missing" };
    if (record.prevHash !== prevHash) return { ok: false, count: records.length, brokenAtSeq: record.seq, reason: "the link to the previous record is broken" };
    if (chainHash(prevHash, hashedContent(content)) !== hash) return { ok: false, count: records.length, brokenAtSeq: record.seq, reason: "the record's content was changed" };
    prevHash = hash;
  }
  return { ok: true, count: records.length };
}
