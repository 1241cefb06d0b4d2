import "server-only";
import Papa from "papaparse";
import { logAuditEvent } from "@/lib/audit/access-log";
import { checkpointFile, type CheckpointFile } from "@/lib/audit/checkpoint-file";
import { signCheckpointIfVerified, type CheckpointAttempt } from "@/lib/audit/checkpoints";
import { consoleFilterQuery, type ConsoleFilter, type SearchFilter } from "@/lib/audit/console-filter";
import { matchingSeqs, resolveSearchFilter } from "@/lib/audit/queries";
import { auditSigningKey } from "@/lib/audit/signing-key";
import { firstBrokenSeq, type ChainProblem } from "@/lib/audit/verify";
import type { AuthenticatedUser } from "@/lib/auth/user";
import { withTenant, type TenantTx } from "@/lib/db/tenant";

export type ExportFormat = "csv" | "jsonl";

/** Records read per transaction while streaming: what the export holds in memory at a time. */
const BATCH = 500;

/**
 * Whether the records an export holds verified when it began: the records since the newest signed
 * checkpoint, and every checkpoint's signature (the check a new checkpoint needs, and the console's
 * quick check). `through` is the last record exported; a log that does not verify names the first
 * record where it breaks and every problem found.
 */
export type ExportVerification =
  | { verified: true; through: number }
  | { verified: false; through: number; brokenAtSeq: number; verifiedFrom: number; problems: ChainProblem[] };

/**
 * The decision records that match a console filter, as a file streamed a batch at a time (a long log
 * is never held in memory), newest first. Before the first record, the head of the log is signed (a
 * checkpoint with reason "export") and the export is written to the audit events with its filter and
 * checkpoint, in one transaction: nothing is exported unrecorded, and the file covers exactly the
 * records up to the checkpoint, which travels with them (the first line or row). Each record keeps
 * every stored field, its hash and its predecessor's, so anyone holding the deployment's public key
 * can check the records against the signed head (`npm run audit:verify -- --checkpoint` takes the
 * checkpoint line of a JSONL export).
 *
 * A log that does not verify is not signed (a checkpoint would vouch for the tampering), but its
 * records are still exported: they are the evidence an auditor needs. The file then begins with the
 * verification instead of a checkpoint (a JSONL line {"kind":"verification","verified":false,…}, or a
 * CSV row of kind "verification" with the first broken record's seq, outcome "broken" and the problems
 * in the answer column), covers the records up to the head of the log, and its name says
 * "unverified"; the audit event says so too.
 */
export async function exportDecisionRecords(reader: AuthenticatedUser, filter: ConsoleFilter, format: ExportFormat) {
  const { attempt, verification, search, slug } = await withTenant(reader.tenantId, async (tx) => {
    const attempt = await signCheckpointIfVerified(tx, reader.tenantId, "export");
    const verification = exportVerification(attempt);
    const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: reader.tenantId }, select: { slug: true } });
    await logAuditEvent(tx, reader.tenantId, reader, {
      action: "export",
      filter: consoleFilterQuery(filter),
      // A verified export's checkpoint signs the head it covers (signCheckpointIfVerified).
      details: verification.verified
        ? { format, verified: true, checkpointSeq: verification.through, checkpointHash: attempt.head.hash }
        : {
            format,
            verified: false,
            throughSeq: verification.through,
            brokenAtSeq: verification.brokenAtSeq,
            problems: verification.problems.map(({ kind, seq }) => ({ kind, seq })),
          },
    });
    return { attempt, verification, search: await resolveSearchFilter(tx, reader.tenantId, filter), slug: tenant.slug };
  });
  const publicKey = auditSigningKey().publicKey.export({ type: "spki", format: "pem" }).toString();
  const checkpoint = attempt.signed ? checkpointFile(attempt.signed, slug, publicKey) : null;
  const createdAt = checkpoint?.createdAt ?? new Date().toISOString();
  const encoder = new TextEncoder();
  const head = checkpoint ?? ({ kind: "verification", ...verification, tenantId: reader.tenantId, tenantSlug: slug, createdAt } as UnverifiedHead);
  const lines = format === "csv" ? csvLines(head) : jsonLines(head);
  const batches = recordBatches(reader.tenantId, search, verification.through);
  const stream = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(encoder.encode(lines.head));
      },
      async pull(controller) {
        const next = await batches.next();
        if (next.done) return controller.close();
        controller.enqueue(encoder.encode(lines.records(next.value)));
      },
      async cancel() {
        await batches.return(undefined);
      },
    },
    { highWaterMark: 0 },
  );
  const day = createdAt.slice(0, 10);
  const name = `lore-audit-${slug}-${day}-through-${verification.through}${verification.verified ? "" : "-unverified"}.${format}`;
  return { stream, checkpoint, verification, filename: name };
}

function exportVerification({ head, verification, signed }: CheckpointAttempt): ExportVerification {
  if (signed) return { verified: true, through: head.seq };
  return {
    verified: false,
    through: head.seq,
    brokenAtSeq: firstBrokenSeq(verification),
    verifiedFrom: verification.purgedThrough,
    problems: verification.problems,
  };
}

/** What an unverified export begins with instead of a checkpoint. */
type UnverifiedHead = Extract<ExportVerification, { verified: false }> & { kind: "verification"; tenantId: string; tenantSlug: string; createdAt: string };

type ExportedRecord = Awaited<ReturnType<typeof readBatch>>[number];

/** The matching records at or below `through`, newest first, one batch (and one short transaction) at a time. */
async function* recordBatches(tenantId: string, search: SearchFilter, through: number): AsyncGenerator<ExportedRecord[]> {
  let before = through + 1;
  for (;;) {
    const batch = await withTenant(tenantId, async (tx) => readBatch(tx, tenantId, await matchingSeqs(tx, search, before, BATCH)));
    if (batch.length > 0) yield batch;
    if (batch.length < BATCH) return;
    before = batch.at(-1)!.seq;
  }
}

function readBatch(tx: TenantTx, tenantId: string, seqs: number[]) {
  if (seqs.length === 0) return Promise.resolve([]);
  return tx.decisionRecord.findMany({
    where: { tenantId, seq: { in: seqs } },
    orderBy: { seq: "desc" },
    include: { feedback: { select: { rating: true, comment: true, createdAt: true } } },
  });
}

/**
 * JSON Lines: the checkpoint first ({"kind":"checkpoint",…}), or, for a log that does not verify, the
 * verification ({"kind":"verification","verified":false,…}); then one record a line ({"kind":"record",…}).
 */
function jsonLines(head: CheckpointFile | UnverifiedHead) {
  return {
    head: `${JSON.stringify("kind" in head ? head : { kind: "checkpoint", ...head })}\n`,
    records: (records: ExportedRecord[]) => records.map((record) => `${JSON.stringify({ kind: "record", ...record })}\n`).join(""),
  };
}

const CSV_COLUMNS = [
  "kind",
  "seq",
  "created_at",
  "user_email",
  "question",
  "answer",
  "outcome",
  "model",
  "policy_version",
  "rules",
  "withheld_count",
  "tokens_in",
  "tokens_out",
  "latency_ms",
  "feedback",
  "request_id",
  "id",
  "prev_hash",
  "hash",
  "key_id",
  "signature",
] as const;

// What a spreadsheet reads as the start of a formula (Papa's escapeFormulae); such a cell gets a
// leading apostrophe. Not the signature: it is base64 of the log's own making (one in 32 starts with
// "+"), and an auditor must be able to check it exactly as it was signed.
const FORMULA_START = /^[=+\-@\t\r]/;

function csvCell(column: (typeof CSV_COLUMNS)[number], value: unknown): unknown {
  return column !== "signature" && typeof value === "string" && FORMULA_START.test(value) ? `'${value}` : value;
}

/**
 * CSV for a spreadsheet: a header, the checkpoint as the first row (kind "checkpoint": its seq, time,
 * hash, key and signature; or kind "verification" for a log that does not verify: the first broken
 * record's seq, the time, outcome "broken" and what is wrong in the answer column), then one row per record. Cells that a spreadsheet would read as a formula
 * (a question starting with "=") are escaped, all but the signature (see csvCell).
 */
export function csvLines(head: CheckpointFile | UnverifiedHead) {
  const rows = (data: Partial<Record<(typeof CSV_COLUMNS)[number], unknown>>[]) =>
    `${Papa.unparse({ fields: [...CSV_COLUMNS], data: data.map((row) => CSV_COLUMNS.map((column) => csvCell(column, row[column] ?? ""))) }, { header: false, newline: "\r\n" })}\r\n`;
  const first =
    "kind" in head
      ? { kind: "verification", seq: head.brokenAtSeq, created_at: head.createdAt, outcome: "broken", answer: head.problems.map((p) => p.message).join("\n") }
      : { kind: "checkpoint", seq: head.seq, created_at: head.createdAt, hash: head.hash, key_id: head.keyId, signature: head.signature };
  return {
    head: `${CSV_COLUMNS.join(",")}\r\n${rows([first])}`,
    records: (records: ExportedRecord[]) =>
      rows(
        records.map((r) => ({
          kind: "record",
          seq: r.seq,
          created_at: r.createdAt.toISOString(),
          user_email: r.userEmail,
          question: r.question,
          answer: r.answer,
          outcome: r.outcome,
          model: r.model,
          policy_version: r.policyVersion ?? "default",
          rules: verdictRules(r.verdicts).join(" "),
          withheld_count: r.withheldCount,
          tokens_in: r.tokensIn,
          tokens_out: r.tokensOut,
          latency_ms: r.latencyMs,
          feedback: r.feedback.map((f) => (f.comment ? `${f.rating}: ${f.comment}` : f.rating)).join(" | "),
          request_id: r.requestId ?? "",
          id: r.id,
          prev_hash: r.prevHash,
          hash: r.hash,
        })),
      ),
  };
}

/** The rules a record's verdicts name (older verdicts by stage and check, as the search index names them). */
function verdictRules(verdicts: unknown): string[] {
  if (!Array.isArray(verdicts)) return [];
  return verdicts.map((v: { rule?: string; stage?: string; check?: string }) => v.rule ?? `${v.stage}.${v.check}`);
}
