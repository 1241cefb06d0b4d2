import { createPublicKey, randomUUID } from "node:crypto";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAuditEvents } from "@/lib/audit/access-log";
import { checkpointFileSchema } from "@/lib/audit/checkpoint-file";
import type { ConsoleFilter } from "@/lib/audit/console-filter";
import { exportDecisionRecords, type ExportFormat } from "@/lib/audit/export";
import { appendDecisionRecord } from "@/lib/audit/records";
import { ChainVerifier } from "@/lib/audit/verify";
import type { AuthenticatedUser } from "@/lib/auth/user";
import type { Database } from "@/lib/db/client";
import { listCheckpoints, writeCheckpoint } from "@/lib/audit/checkpoints";
import { withTenant } from "@/lib/db/tenant";
import { migratedDatabase, withAuditGuardsOff } from "@/tests/support/database";
import { createTenant } from "@/tests/support/fixtures";
import { writeSyntheticDecisions, type SyntheticRecord } from "@/tests/support/synthetic-decisions";

/**
 * Issue 9 point 6: the export. The filtered records as CSV or JSON Lines, streamed a batch at a time,
 * with the signed checkpoint that covers them; what is exported is written to the audit events. The
 * JSONL file is checked the way an outside auditor would: every record's hash recomputed, the links
 * followed, the checkpoint's signature verified with the public key the file carries.
 */
let db: Database;
let records: SyntheticRecord[];
let auditor: AuthenticatedUser;
let otherAuditor: AuthenticatedUser;
let otherIds: string[];

beforeAll(async () => {
  db = await migratedDatabase();
  const tenant = await createTenant(
    "exports",
    [],
    [
      { key: "ann", role: "employee", groups: [] },
      { key: "ben", role: "employee", groups: [] },
      { key: "auditor", role: "auditor", groups: [] },
    ],
  );
  auditor = tenant.users.auditor!;
  records = await writeSyntheticDecisions(tenant.tenant.id, [tenant.users.ann!, tenant.users.ben!], {
    count: 1_234,
    from: new Date("2026-10-01T00:00:00Z"),
    to: new Date("2026-11-30T00:00:00Z"),
    seed: 11,
    answerWords: 8,
  });
  const other = await createTenant(
    "exports-other",
    [],
    [
      { key: "dan", role: "employee", groups: [] },
      { key: "auditor", role: "auditor", groups: [] },
    ],
  );
  otherAuditor = other.users.auditor!;
  otherIds = (
    await writeSyntheticDecisions(other.tenant.id, [other.users.dan!], {
      count: 30,
      from: new Date("2026-10-01T00:00:00Z"),
      to: new Date("2026-11-30T00:00:00Z"),
      seed: 12,
    })
  ).map((r) => r.id);
});
afterAll(() => db.close());

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

async function exported(reader: AuthenticatedUser, filter: ConsoleFilter, format: ExportFormat) {
  const result = await exportDecisionRecords(reader, filter, format);
  return { ...result, text: await readAll(result.stream) };
}

const parseJsonl = (text: string) =>
  text
    .trimEnd()
    .split("\n")
    .map((line) => JSON.parse(line) as Record<string, unknown> & { kind: string });

describe("the export", () => {
  it("JSONL: every record up to a fresh signed checkpoint, which an outsider can verify with the file alone", async () => {
    const { text, checkpoint, filename, verification: result } = await exported(auditor, {}, "jsonl");
    expect(result).toEqual({ verified: true, through: records.length });
    const [head, ...rows] = parseJsonl(text);
    expect(head!.kind).toBe("checkpoint");
    const file = checkpointFileSchema.parse(head);
    expect(file).toMatchObject({ seq: records.length, reason: "export", tenantSlug: "exports" });
    expect(file).toEqual(checkpoint);
    expect(filename).toMatch(new RegExp(`^lore-audit-exports-\\d{4}-\\d{2}-\\d{2}-through-${records.length}\\.jsonl$`));
    expect(rows.map((r) => r.seq)).toEqual(records.map((r) => r.seq).reverse());
    expect(rows.every((r) => r.kind === "record")).toBe(true);

    // Verified with what the file carries: its records (oldest first, as stored) and its checkpoint.
    const verifier = new ChainVerifier(file.tenantId, [file], createPublicKey(file.publicKey));
    for (const { kind: _kind, feedback: _feedback, ...record } of [...rows].reverse()) verifier.add(record as Parameters<ChainVerifier["add"]>[0]);
    const verification = verifier.finish();
    expect(verification).toMatchObject({ ok: true, count: records.length, checkpointsChecked: 1 });
    // A record changed in the file no longer verifies.
    const tampered = [...rows].reverse().map(({ kind: _kind, feedback: _feedback, ...record }) => record);
    tampered[100] = { ...tampered[100], question: "Something else entirely" };
    const second = new ChainVerifier(file.tenantId, [file], createPublicKey(file.publicKey));
    for (const record of tampered) second.add(record as Parameters<ChainVerifier["add"]>[0]);
    expect(second.finish().problems.map((p) => p.kind)).toContain("changed");
  });

  it("CSV of a filter: the checkpoint row, then exactly the matching records, newest first; formulas escaped", async () => {
    const formula = await appendDecisionRecord({
      id: randomUUID(),
      tenantId: auditor.tenantId,
      userId: records[0]!.userId,
      userEmail: records[0]!.userEmail,
      conversationId: null,
      question: '=HYPERLINK("http://evil.test","휴가 click")',
      answer: '휴가 규정, "quoted", and a\nnew line',
      outcome: "answered",
      mode: "extractive",
      model: "extractive",
      promptVersion: "v3",
      policyVersion: null,
      retrieved: [],
      withheld: [],
      verdicts: [],
      tokensIn: 1,
      tokensOut: 1,
      latencyMs: 1,
      error: null,
    });
    const filter: ConsoleFilter = { q: "휴가", model: "extractive" };
    const { text } = await exported(auditor, filter, "csv");
    const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const [head, ...rows] = parsed.data;
    expect(head).toMatchObject({ kind: "checkpoint", seq: String(formula.seq) });
    // Exactly as signed, never formula-escaped (a base64 signature may start with "+").
    const signed = await withTenant(auditor.tenantId, (tx) => listCheckpoints(tx, auditor.tenantId));
    expect(head!.signature).toBe(signed.find((c) => c.seq === Number(head!.seq))?.signature);
    const words = (s: string) => s.toLowerCase().split(/[^\p{L}\p{N}]+/u);
    const expected = records
      .filter((r) => r.model === "extractive" && words(`${r.question} ${r.answer}`).some((w) => w.startsWith("휴가")))
      .map((r) => String(r.seq));
    expect(expected.length).toBeGreaterThan(10);
    expect(rows.map((r) => r.seq)).toEqual([String(formula.seq), ...expected.reverse()]);
    expect(rows[0]!.question).toMatch(/^'=HYPERLINK/);
    expect(rows[0]!.answer).toBe('휴가 규정, "quoted", and a\nnew line');
    expect(rows.every((r) => r.kind === "record" && /^[0-9a-f]{64}$/.test(r.hash!))).toBe(true);
  });

  it("streams a batch at a time and ends at its checkpoint, whatever is written meanwhile", async () => {
    const { stream, checkpoint: signed } = await exportDecisionRecords(auditor, {}, "jsonl");
    const checkpoint = signed!;
    const reader = stream.getReader();
    const decoder = new TextDecoder();
    const first = decoder.decode((await reader.read()).value);
    expect(JSON.parse(first).kind).toBe("checkpoint");
    const second = decoder.decode((await reader.read()).value);
    const batch = second.trimEnd().split("\n");
    expect(batch.length).toBeGreaterThan(0);
    expect(batch.length).toBeLessThan(checkpoint.seq);
    // Records written after the export began are not in it.
    const later = await writeSyntheticDecisions(auditor.tenantId, [{ id: records[0]!.userId, email: records[0]!.userEmail }], {
      count: 5,
      from: new Date(),
      to: new Date(),
      seed: 13,
    });
    let rest = "";
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += decoder.decode(chunk.value);
    const seqs = parseJsonl(second + rest).map((r) => r.seq as number);
    expect(seqs).toHaveLength(checkpoint.seq);
    expect(Math.max(...seqs)).toBe(checkpoint.seq);
    expect(seqs.some((seq) => later.some((r) => r.seq === seq))).toBe(false);
  });

  it("is written to the audit events with its filter, format and checkpoint, and shows no other workspace's records", async () => {
    const { checkpoint } = await exported(auditor, { outcome: "blocked", q: "휴가" }, "csv");
    if (!checkpoint) throw new Error("the log verifies: the export is signed");
    const { events } = await listAuditEvents(auditor);
    expect(events[0]).toMatchObject({
      action: "export",
      actorId: auditor.id,
      actorLabel: auditor.email,
      filter: "outcome=blocked&q=%ED%9C%B4%EA%B0%80",
      details: { format: "csv", verified: true, checkpointSeq: checkpoint.seq, checkpointHash: checkpoint.hash },
    });
    const theirs = parseJsonl((await exported(otherAuditor, {}, "jsonl")).text).slice(1);
    expect(theirs.map((r) => r.id).sort()).toEqual([...otherIds].sort());
    expect((await listAuditEvents(otherAuditor)).events.map((e) => e.action)).toEqual(["export"]);
  });
});

describe("the export of a log that does not verify", () => {
  it("still hands over every record, unsigned, saying where the chain breaks: first line, name, result and audit event", async () => {
    const broken = await createTenant(
      "exports-broken",
      [],
      [
        { key: "eve", role: "employee", groups: [] },
        { key: "auditor", role: "auditor", groups: [] },
      ],
    );
    const tenantId = broken.tenant.id;
    const reader = broken.users.auditor!;
    const span = { from: new Date("2026-11-01T00:00:00Z"), to: new Date("2026-11-20T00:00:00Z") };
    await writeSyntheticDecisions(tenantId, [broken.users.eve!], { count: 40, ...span, seed: 21 });
    await withTenant(tenantId, (tx) => writeCheckpoint(tx, tenantId, "on_demand"));
    await writeSyntheticDecisions(tenantId, [broken.users.eve!], {
      count: 10,
      from: new Date("2026-11-21T00:00:00Z"),
      to: new Date("2026-11-22T00:00:00Z"),
      seed: 22,
    });
    // Someone with the database owner's rights edits record #45, after the last checkpoint.
    await withAuditGuardsOff(tenantId, `UPDATE decision_records SET question = 'Edited afterwards' WHERE tenant_id = '${tenantId}' AND seq = 45`);

    const jsonl = await exported(reader, {}, "jsonl");
    expect(jsonl.checkpoint).toBeNull();
    // Verified from the checkpointed record (#40) on: records through #39 were not read.
    expect(jsonl.verification).toMatchObject({ verified: false, through: 50, brokenAtSeq: 45, verifiedFrom: 39 });
    expect(jsonl.filename).toMatch(/^lore-audit-exports-broken-\d{4}-\d{2}-\d{2}-through-50-unverified\.jsonl$/);
    const [head, ...rows] = parseJsonl(jsonl.text);
    expect(head).toMatchObject({ kind: "verification", verified: false, through: 50, brokenAtSeq: 45, tenantSlug: "exports-broken", tenantId });
    expect((head!.problems as { kind: string; seq: number; message: string }[])[0]).toMatchObject({
      kind: "changed",
      seq: 45,
      message: expect.stringContaining("#45"),
    });
    // The evidence: every record, the edited one as it now reads, in the usual record lines.
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 50 }, (_, i) => 50 - i));
    expect(rows.every((r) => r.kind === "record")).toBe(true);
    expect(rows.find((r) => r.seq === 45)!.question).toBe("Edited afterwards");

    const csv = await exported(reader, {}, "csv");
    const parsed = Papa.parse<Record<string, string>>(csv.text, { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const [first, ...csvRows] = parsed.data;
    expect(first).toMatchObject({ kind: "verification", seq: "45", outcome: "broken", signature: "" });
    expect(first!.answer).toContain("#45");
    expect(csvRows).toHaveLength(50);
    expect(csv.filename).toMatch(/-through-50-unverified\.csv$/);

    // Nothing was signed, and both exports are in the audit events as unverified.
    expect((await withTenant(tenantId, (tx) => listCheckpoints(tx, tenantId))).map((c) => [c.seq, c.reason])).toEqual([[40, "on_demand"]]);
    const { events } = await listAuditEvents(reader);
    expect(events.map((e) => e.action)).toEqual(["export", "export"]);
    expect(events[0]!.details).toEqual({ format: "csv", verified: false, throughSeq: 50, brokenAtSeq: 45, problems: [{ kind: "changed", seq: 45 }] });
    expect(events[1]!.details).toMatchObject({ format: "jsonl", verified: false, brokenAtSeq: 45 });
  });
});
