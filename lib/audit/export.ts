import "server-only";
import Papa from "papaparse";
import { logAuditEvent } from "@/lib/audit/access-log";
import { checkpointFile, type CheckpointFile } from "@/lib/audit/checkpoint-file";
import { writeCheckpoint } from "@/lib/audit/checkpoints";
import { consoleFilterQuery, type ConsoleFilter, type SearchFilter } from "@/lib/audit/console-filter";
import { matchingSeqs, resolveSearchFilter } from "@/lib/audit/queries";
import { auditSigningKey } from "@/lib/audit/signing-key";
import type { AuthenticatedUser } from "@/lib/auth/user";
import { withTenant, type TenantTx } from "@/lib/db/tenant";

export type ExportFormat = "csv" | "jsonl";

/** Records read per transaction while streaming: what the export holds in memory at a time. */
const BATCH = 500;

/**
 * The decision records that match a console filter, as a file streamed a batch at a time (a long log
 * is never held in memory), newest first. Before the first record, the head of the log is signed (a
 * checkpoint with reason "export") and the export is written to the audit events with its filter and
 * checkpoint, in one transaction: nothing is exported unrecorded, and the file covers exactly the
 * records up to the checkpoint, which travels with them (the first line or row). Each record keeps
 * every stored field, its hash and its predecessor's, so anyone holding the deployment's public key
 * can check the records against the signed head (`npm run audit:verify -- --checkpoint` takes the
 * checkpoint line of a JSONL export).
 */
export async function exportDecisionRecords(reader: AuthenticatedUser, filter: ConsoleFilter, format: ExportFormat) {
  const { checkpoint, search, slug } = await withTenant(reader.tenantId, async (tx) => {
    const signed = await writeCheckpoint(tx, reader.tenantId, "export");
    const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: reader.tenantId }, select: { slug: true } });
    await logAuditEvent(tx, reader.tenantId, reader, {
      action: "export",
      filter: consoleFilterQuery(filter),
      details: { format, checkpointSeq: signed.seq, checkpointHash: signed.hash },
    });
    return { checkpoint: signed, search: await resolveSearchFilter(tx, reader.tenantId, filter), slug: tenant.slug };
  });
  const publicKey = auditSigningKey().publicKey.export({ type: "spki", format: "pem" }).toString();
  const file = checkpointFile(checkpoint, slug, publicKey);
  const encoder = new TextEncoder();
  const lines = format === "csv" ? csvLines(file) : jsonLines(file);
  const batches = recordBatches(reader.tenantId, search, checkpoint.seq);
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
  const day = new Date(file.createdAt).toISOString().slice(0, 10);
  return { stream, checkpoint: file, filename: `lore-audit-${slug}-${day}-through-${checkpoint.seq}.${format}` };
}

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

/** JSON Lines: the checkpoint first ({"kind":"checkpoint",…}), then one record a line ({"kind":"record",…}). */
function jsonLines(checkpoint: CheckpointFile) {
  return {
    head: `${JSON.stringify({ kind: "checkpoint", ...checkpoint })}\n`,
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

/**
 * CSV for a spreadsheet: a header, the checkpoint as the first row (kind "checkpoint": its seq, time,
 * hash, key and signature), then one row per record. Cells that a spreadsheet would read as a formula
 * (a question starting with "=") are escaped.
 */
function csvLines(checkpoint: CheckpointFile) {
  const rows = (data: Partial<Record<(typeof CSV_COLUMNS)[number], unknown>>[]) =>
    `${Papa.unparse({ fields: [...CSV_COLUMNS], data: data.map((row) => CSV_COLUMNS.map((column) => row[column] ?? "")) }, { header: false, escapeFormulae: true, newline: "\r\n" })}\r\n`;
  return {
    head: `${CSV_COLUMNS.join(",")}\r\n${rows([{ kind: "checkpoint", seq: checkpoint.seq, created_at: checkpoint.createdAt, hash: checkpoint.hash, key_id: checkpoint.keyId, signature: checkpoint.signature }])}`,
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
