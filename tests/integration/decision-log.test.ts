import { generateKeyPairSync, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signCheckpoint } from "@/lib/audit/checkpoint-signature";
import { listCheckpoints, verifyDecisionLog, verifyRecentRecords, writeCheckpoint, writeScheduledCheckpoints } from "@/lib/audit/checkpoints";
import { appendDecisionRecord, type DecisionDraft } from "@/lib/audit/records";
import type { Database } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { asOwnerInTenant, migratedDatabase, withAuditGuardsOff } from "@/tests/support/database";
import { createTenant } from "@/tests/support/fixtures";

let db: Database;

type Person = { id: string; tenantId: string; email: string };

function draft(user: Person, question: string): DecisionDraft {
  return {
    id: randomUUID(),
    tenantId: user.tenantId,
    userId: user.id,
    userEmail: user.email,
    conversationId: null,
    question,
    answer: `answer to ${question}`,
    outcome: "answered",
    mode: "extractive",
    model: "extractive",
    promptVersion: "extractive",
    policyVersion: null,
    retrieved: [{ chunkId: randomUUID(), documentId: randomUUID(), documentTitle: "Doc", score: 0.0327869, rank: 1 }],
    withheld: [],
    verdicts: [{ detector: "none", action: "allow" }],
    tokensIn: 0,
    tokensOut: 0,
    latencyMs: 12,
    error: null,
  };
}

/** A tenant with `count` records, one after another, and a checkpoint after the first `checkpointAt`. */
async function logOf(slug: string, count: number, checkpointAt = count) {
  const tenant = await createTenant(slug, [], [{ key: "employee", role: "employee", groups: [] }]);
  people.set(tenant.tenant.id, tenant.users.employee!);
  for (let i = 1; i <= count; i++) {
    await appendDecisionRecord(draft(tenant.users.employee!, `question ${i}`));
    if (i === checkpointAt) await withTenant(tenant.tenant.id, (tx) => writeCheckpoint(tx, tenant.tenant.id, "on_demand"));
  }
  return tenant.tenant.id;
}

const people = new Map<string, Person>();

beforeAll(async () => {
  db = await migratedDatabase();
});
afterAll(() => db.close());

describe("the decision log", () => {
  it("numbers concurrent appends without gaps and chains every record to the one before", async () => {
    const tenant = await createTenant("chain", [], [{ key: "employee", role: "employee", groups: [] }]);
    await Promise.all(Array.from({ length: 12 }, (_, i) => appendDecisionRecord(draft(tenant.users.employee!, `question ${i}`))));
    const records = await withTenant(tenant.tenant.id, (tx) => tx.decisionRecord.findMany({ orderBy: { seq: "asc" } }));
    expect(records.map((r) => r.seq)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    for (let i = 1; i < records.length; i++) expect(records[i]!.prevHash).toBe(records[i - 1]!.hash);
    expect(await verifyDecisionLog(tenant.tenant.id)).toMatchObject({ ok: true, count: 12, problems: [] });
  });

  it("chains concurrent appends and checkpoints: each append reads the head the one before it committed", async () => {
    // The lock and the head are read in one statement; on Postgres these transactions really wait for
    // each other, and a head read with the snapshot from before the wait would repeat a seq or fork the chain.
    const tenant = await createTenant("chain-busy", [], [{ key: "employee", role: "employee", groups: [] }]);
    const tenantId = tenant.tenant.id;
    const appends = Array.from({ length: 30 }, (_, i) => appendDecisionRecord(draft(tenant.users.employee!, `busy ${i}`)));
    const checkpoints = Array.from({ length: 5 }, () => withTenant(tenantId, (tx) => writeCheckpoint(tx, tenantId, "on_demand")));
    await Promise.all([...appends, ...checkpoints]);
    const records = await withTenant(tenantId, (tx) => tx.decisionRecord.findMany({ orderBy: { seq: "asc" } }));
    expect(records.map((r) => r.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    for (let i = 1; i < records.length; i++) expect(records[i]!.prevHash).toBe(records[i - 1]!.hash);
    // Every checkpoint names a record as it was committed, whenever it was signed.
    expect(await verifyDecisionLog(tenantId)).toMatchObject({ ok: true, count: 30, checkpointsChecked: 5, problems: [] });
  });

  it("refuses to change or delete a record or a checkpoint, even for the database owner", async () => {
    const tenantId = await logOf("guarded", 2);
    for (const table of ["decision_records", "audit_checkpoints"]) {
      await expect(asOwnerInTenant(tenantId, `UPDATE ${table} SET seq = 99`)).rejects.toThrow(/append-only/);
      await expect(asOwnerInTenant(tenantId, `DELETE FROM ${table}`)).rejects.toThrow(/append-only/);
      await expect(db.prisma.$executeRawUnsafe(`TRUNCATE ${table} CASCADE`)).rejects.toThrow(/append-only/);
      await expect(withTenant(tenantId, (tx) => tx.$executeRawUnsafe(`UPDATE ${table} SET seq = 99`))).rejects.toThrow();
    }
  });
});

describe("tampering by a database superuser is detected and named", () => {
  it("an edited record in the middle", async () => {
    const tenantId = await logOf("edited", 12);
    await withAuditGuardsOff(tenantId, `UPDATE decision_records SET answer = 'rewritten history' WHERE tenant_id = '${tenantId}' AND seq = 5`);
    const result = await verifyDecisionLog(tenantId);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      expect.objectContaining({ kind: "changed", seq: 5, message: "Record #5 was changed after it was written: its content no longer matches its hash." }),
    ]);
  });

  it("the newest records deleted, which only a checkpoint can show", async () => {
    const tenantId = await logOf("truncated", 12);
    await withAuditGuardsOff(tenantId, `DELETE FROM decision_records WHERE tenant_id = '${tenantId}' AND seq > 10`);
    const result = await verifyDecisionLog(tenantId);
    expect(result.problems).toEqual([
      expect.objectContaining({
        kind: "tail_missing",
        seq: 12,
        message: expect.stringMatching(/newest records are missing: .* covers records up to #12, but the log ends at #10/),
      }),
    ]);
  });

  it("the newest records and the checkpoints deleted together, shown by a checkpoint kept outside the database", async () => {
    const tenantId = await logOf("erased", 8);
    const exported = await withTenant(tenantId, (tx) => listCheckpoints(tx, tenantId));
    await withAuditGuardsOff(
      tenantId,
      `DELETE FROM decision_records WHERE tenant_id = '${tenantId}' AND seq > 6; DELETE FROM audit_checkpoints WHERE tenant_id = '${tenantId}'`,
    );
    expect(await verifyDecisionLog(tenantId)).toMatchObject({ ok: true });
    const withFile = await verifyDecisionLog(tenantId, { extra: exported });
    expect(withFile.problems).toEqual([expect.objectContaining({ kind: "tail_missing", seq: 8 })]);
  });

  it("two records reordered", async () => {
    const tenantId = await logOf("reordered", 10);
    await withAuditGuardsOff(
      tenantId,
      `UPDATE decision_records SET seq = -7 WHERE tenant_id = '${tenantId}' AND seq = 7;
      UPDATE decision_records SET seq = 7 WHERE tenant_id = '${tenantId}' AND seq = 8;
      UPDATE decision_records SET seq = 8 WHERE tenant_id = '${tenantId}' AND seq = -7`,
    );
    const result = await verifyDecisionLog(tenantId);
    expect(result.problems[0]).toMatchObject({
      kind: "reordered",
      seq: 7,
      message: "Records #7 and #8 are in the wrong order: each links to where the other belongs.",
    });
  });

  it("a record removed from the middle", async () => {
    const tenantId = await logOf("holed", 6);
    await withAuditGuardsOff(tenantId, `DELETE FROM decision_records WHERE tenant_id = '${tenantId}' AND seq = 3`);
    const result = await verifyDecisionLog(tenantId);
    expect(result.problems.map((p) => p.kind)).toEqual(["missing", "relinked"]);
    expect(result.problems[0]!.message).toBe("Record #3 is missing.");
  });

  it("history rewritten with every hash recomputed, which a checkpoint written before still shows", async () => {
    const tenantId = await logOf("recomputed", 6, 4);
    // Change record 2 and re-chain everything after it, as a careful forger would: the links all hold.
    const records = await withTenant(tenantId, (tx) => tx.decisionRecord.findMany({ where: { tenantId }, orderBy: { seq: "asc" } }));
    const { chainHash, hashedContent } = await import("@/lib/audit/chain");
    let prev = records[0]!.hash;
    const updates: string[] = [];
    for (const record of records.slice(1)) {
      const { hash: _, ...content } = { ...record, answer: record.seq === 2 ? "forged answer" : record.answer, prevHash: prev };
      const hash = chainHash(prev, hashedContent(content));
      updates.push(
        `UPDATE decision_records SET answer = '${content.answer}', prev_hash = '${prev}', hash = '${hash}' WHERE tenant_id = '${tenantId}' AND seq = ${record.seq}`,
      );
      prev = hash;
    }
    await withAuditGuardsOff(tenantId, updates.join(";\n"));
    const result = await verifyDecisionLog(tenantId);
    expect(result.problems).toEqual([
      expect.objectContaining({ kind: "rewritten", seq: 4, message: expect.stringMatching(/Record #4 is not the one the checkpoint of .* signed/) }),
    ]);
  });

  it("a forged checkpoint: a bad signature, or another key's", async () => {
    const tenantId = await logOf("forged", 3);
    const [real] = await withTenant(tenantId, (tx) => listCheckpoints(tx, tenantId));
    const other = generateKeyPairSync("ed25519");
    const byOtherKey = signCheckpoint({ tenantId, seq: 3, hash: real!.hash, reason: "on_demand", createdAt: new Date() }, other.privateKey, other.publicKey);
    await withAuditGuardsOff(
      tenantId,
      `INSERT INTO audit_checkpoints (id, tenant_id, seq, hash, reason, created_at, key_id, signature) VALUES
      ('${randomUUID()}', '${tenantId}', 9, '${real!.hash}', 'on_demand', now(), '${real!.keyId}', '${real!.signature}'),
      ('${randomUUID()}', '${tenantId}', 3, '${byOtherKey.hash}', 'on_demand', now(), '${byOtherKey.keyId}', '${byOtherKey.signature}')`,
    );
    const result = await verifyDecisionLog(tenantId);
    expect(result.problems.map((p) => [p.kind, p.seq])).toEqual([
      ["checkpoint_unknown_key", 3],
      ["checkpoint_forged", 9],
    ]);
  });
});

describe("the console's quick check (what the newest checkpoint does not yet vouch for)", () => {
  it("reads only from the checkpointed record on, and passes an intact log", async () => {
    const tenantId = await logOf("quick-intact", 8, 5);
    expect(await verifyRecentRecords(tenantId)).toMatchObject({ ok: true, firstSeq: 5, lastSeq: 8, count: 4, since: { seq: 5 } });
  });

  it("starts from a checkpoint signed on an empty log, which names no record", async () => {
    const tenant = await createTenant("quick-empty", [], [{ key: "employee", role: "employee", groups: [] }]);
    const tenantId = tenant.tenant.id;
    await withTenant(tenantId, (tx) => writeCheckpoint(tx, tenantId, "on_demand"));
    for (let i = 1; i <= 3; i++) await appendDecisionRecord(draft(tenant.users.employee!, `question ${i}`));
    expect(await verifyRecentRecords(tenantId)).toMatchObject({ ok: true, firstSeq: 1, lastSeq: 3, since: { seq: 0 } });
    expect(await withTenant(tenantId, (tx) => writeCheckpoint(tx, tenantId, "on_demand"))).toMatchObject({ seq: 3 });
  });

  it.each([
    ["its content edited", "UPDATE decision_records SET answer = 'edited after signing' WHERE tenant_id = '%t' AND seq = 5", "changed"],
    ["given another hash", "UPDATE decision_records SET hash = repeat('0', 64) WHERE tenant_id = '%t' AND seq = 5", "rewritten"],
    ["deleted", "DELETE FROM decision_records WHERE tenant_id = '%t' AND seq = 5", "missing"],
  ])("catches the checkpointed record %s", async (_, statement, kind) => {
    const tenantId = await logOf(`quick-${kind}`, 8, 5);
    await withAuditGuardsOff(tenantId, statement.replaceAll("%t", tenantId));
    const result = await verifyRecentRecords(tenantId);
    expect(result.ok).toBe(false);
    expect(result.problems).toContainEqual(expect.objectContaining({ kind, seq: 5 }));
  });
});

describe("checkpoints", () => {
  it("are written on schedule for each tenant whose log moved, and on demand; a broken log is refused a signature", async () => {
    const tenantId = await logOf("scheduled", 3, 0);
    expect(await withTenant(tenantId, (tx) => listCheckpoints(tx, tenantId))).toEqual([]);
    expect(await writeScheduledCheckpoints()).toBeGreaterThanOrEqual(1);
    expect((await withTenant(tenantId, (tx) => listCheckpoints(tx, tenantId))).map((c) => [c.seq, c.reason])).toEqual([[3, "scheduled"]]);
    await writeScheduledCheckpoints();
    expect(await withTenant(tenantId, (tx) => listCheckpoints(tx, tenantId))).toHaveLength(1);

    // What a new checkpoint vouches for is what came after the last one: #4 here.
    await appendDecisionRecord(draft(people.get(tenantId)!, "after the checkpoint"));
    await withAuditGuardsOff(tenantId, `UPDATE decision_records SET question = 'edited' WHERE tenant_id = '${tenantId}' AND seq = 4`);
    await expect(withTenant(tenantId, (tx) => writeCheckpoint(tx, tenantId, "on_demand"))).rejects.toThrow(
      /does not verify, so it was not signed: Record #4 was changed/,
    );
  });
});
