import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listCheckpoints, verifyDecisionLog, writeCheckpoint } from "@/lib/audit/checkpoints";
import { listHolds, placeHold, releaseHold } from "@/lib/audit/legal-holds";
import { PURGE_JOB, purgeEverywhere, purgeExpiredRecords } from "@/lib/audit/purge";
import { appendDecisionRecord } from "@/lib/audit/records";
import { retentionOf, setRetention } from "@/lib/audit/retention";
import type { AuthenticatedUser } from "@/lib/auth/user";
import type { Database } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { asOwnerInTenant, migratedDatabase, withAuditGuardsOff } from "@/tests/support/database";
import { decisionDraft } from "@/tests/support/decision-draft";
import { createTenant } from "@/tests/support/fixtures";
import { writeSyntheticDecisions } from "@/tests/support/synthetic-decisions";

let db: Database;

beforeAll(async () => {
  db = await migratedDatabase();
});
afterAll(() => db.close());

const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY);

type Workspace = { tenantId: string; admin: AuthenticatedUser; auditor: AuthenticatedUser; alice: AuthenticatedUser; bob: AuthenticatedUser };

async function workspace(slug: string): Promise<Workspace> {
  const { tenant, users } = await createTenant(
    slug,
    [],
    [
      { key: "admin", role: "admin", groups: [] },
      { key: "auditor", role: "auditor", groups: [] },
      { key: "alice", role: "employee", groups: [] },
      { key: "bob", role: "employee", groups: [] },
    ],
  );
  return { tenantId: tenant.id, admin: users.admin!, auditor: users.auditor!, alice: users.alice!, bob: users.bob! };
}

/** `count` records of one person, written as if between `from` and `to` days ago (the log's own chaining, old times). */
async function oldRecords(w: Workspace, person: AuthenticatedUser, count: number, from: number, to: number) {
  await writeSyntheticDecisions(w.tenantId, [{ id: person.id, email: person.email }], { count, from: daysAgo(from), to: daysAgo(to) });
}

const seqs = (tenantId: string) =>
  withTenant(tenantId, async (tx) =>
    (await tx.decisionRecord.findMany({ where: { tenantId }, orderBy: { seq: "asc" }, select: { seq: true } })).map((r) => r.seq),
  );
const events = (tenantId: string, action: string) =>
  withTenant(tenantId, (tx) => tx.auditEvent.findMany({ where: { tenantId, action }, orderBy: { createdAt: "asc" } }));

/**
 * The log of these tests: #1–#3 alice, four years old; #4–#5 bob, about 3.9 years old; #6–#8 alice,
 * 3.2 years old (all past the default three years); #9–#10 alice, written now.
 */
async function standardLog(slug: string) {
  const w = await workspace(slug);
  await oldRecords(w, w.alice, 3, 1460, 1455);
  await oldRecords(w, w.bob, 2, 1430, 1425);
  await oldRecords(w, w.alice, 3, 1170, 1165);
  await appendDecisionRecord(decisionDraft(w.alice, { question: "recent one" }));
  await appendDecisionRecord(decisionDraft(w.alice, { question: "recent two" }));
  return w;
}

describe("the retention purge", () => {
  it("removes only the expired records, signs the boundary, leaves a log that verifies and records who, when and how many", async () => {
    const w = await standardLog("purge-basic");
    const old = await withTenant(w.tenantId, (tx) => tx.decisionRecord.findFirstOrThrow({ where: { seq: 2 } }));
    const kept = await withTenant(w.tenantId, (tx) => tx.decisionRecord.findFirstOrThrow({ where: { seq: 9 } }));
    await withTenant(w.tenantId, async (tx) => {
      await tx.feedback.create({ data: { tenantId: w.tenantId, decisionId: old.id, userId: w.alice.id, rating: "down", comment: "old" } });
      await tx.feedback.create({ data: { tenantId: w.tenantId, decisionId: kept.id, userId: w.alice.id, rating: "up" } });
    });
    const boundary = await withTenant(w.tenantId, (tx) => tx.decisionRecord.findFirstOrThrow({ where: { seq: 8 }, select: { hash: true } }));

    const result = await purgeExpiredRecords(w.tenantId, w.admin, "on_demand");
    expect(result).toMatchObject({ records: 8, throughSeq: 8, boundaryHash: boundary.hash, keptByHolds: 0 });
    expect(await seqs(w.tenantId)).toEqual([9, 10]);

    const checkpoints = await withTenant(w.tenantId, (tx) => listCheckpoints(tx, w.tenantId));
    expect(checkpoints.filter((c) => c.reason === "purge")).toEqual([expect.objectContaining({ seq: 8, hash: boundary.hash })]);
    expect(await verifyDecisionLog(w.tenantId)).toMatchObject({ ok: true, count: 2, firstSeq: 9, purgedThrough: 8, problems: [] });

    // Feedback and the console's search rows go with their records; the rest stays.
    const feedback = await withTenant(w.tenantId, (tx) => tx.feedback.findMany({ where: { tenantId: w.tenantId } }));
    expect(feedback.map((f) => f.decisionId)).toEqual([kept.id]);
    const searchRows = await db.withSession((session) => session.query(`SELECT seq FROM decision_search WHERE tenant_id = '${w.tenantId}' ORDER BY seq`));
    expect(searchRows).toEqual([{ seq: 9 }, { seq: 10 }]);

    const [purged] = await events(w.tenantId, "records.purged");
    expect(purged).toMatchObject({
      actorId: w.admin.id,
      actorLabel: w.admin.email,
      details: expect.objectContaining({ trigger: "on_demand", records: 8, throughSeq: 8, boundaryHash: boundary.hash }),
    });

    // The log goes on, and still verifies; nothing more to purge.
    await appendDecisionRecord(decisionDraft(w.bob, { question: "after the purge" }));
    expect(await verifyDecisionLog(w.tenantId)).toMatchObject({ ok: true, count: 3, lastSeq: 11 });
    expect(await purgeExpiredRecords(w.tenantId, PURGE_JOB, "scheduled")).toMatchObject({ records: 0 });
    expect(await events(w.tenantId, "records.purged")).toHaveLength(1); // a scheduled run that removed nothing writes nothing
  });

  it("follows the workspace's own retention, set by an admin and recorded as an audit event", async () => {
    const w = await workspace("purge-own-retention");
    await oldRecords(w, w.alice, 4, 100, 90);
    await oldRecords(w, w.alice, 2, 20, 10);
    expect(await purgeExpiredRecords(w.tenantId, PURGE_JOB, "scheduled")).toMatchObject({ records: 0 });

    await setRetention(w.admin, 30);
    expect(await withTenant(w.tenantId, (tx) => retentionOf(tx, w.tenantId))).toMatchObject({ days: 30, own: true });
    const [changed] = await events(w.tenantId, "retention.changed");
    expect(changed).toMatchObject({ actorId: w.admin.id, details: { fromDays: 1095, toDays: 30 } });

    expect(await purgeEverywhere()).toBeGreaterThanOrEqual(4);
    expect(await seqs(w.tenantId)).toEqual([5, 6]);
    const [purged] = await events(w.tenantId, "records.purged");
    expect(purged).toMatchObject({
      actorId: null,
      actorLabel: PURGE_JOB.system,
      details: expect.objectContaining({ trigger: "scheduled", records: 4, throughSeq: 4 }),
    });
    expect(await verifyDecisionLog(w.tenantId)).toMatchObject({ ok: true, purgedThrough: 4 });
  });

  it("purges a log to nothing and chains the next record to the purge checkpoint", async () => {
    const w = await workspace("purge-all");
    await oldRecords(w, w.alice, 3, 2000, 1900);
    expect(await purgeExpiredRecords(w.tenantId, w.admin, "on_demand")).toMatchObject({ records: 3, throughSeq: 3 });
    expect(await verifyDecisionLog(w.tenantId)).toMatchObject({ ok: true, count: 0, purgedThrough: 3 });
    const next = await appendDecisionRecord(decisionDraft(w.alice, { question: "a new start" }));
    const checkpoint = (await withTenant(w.tenantId, (tx) => listCheckpoints(tx, w.tenantId))).find((c) => c.reason === "purge")!;
    expect(next).toMatchObject({ seq: 4, prevHash: checkpoint.hash });
    expect(await verifyDecisionLog(w.tenantId)).toMatchObject({ ok: true, count: 1, firstSeq: 4 });
  });
});

describe("legal holds", () => {
  it("a hold on the whole workspace stops the purge until it is released; both are recorded", async () => {
    const w = await standardLog("hold-tenant");
    const hold = await placeHold(w.auditor, { scope: "tenant", reason: "litigation 2026-17" });
    expect(await purgeExpiredRecords(w.tenantId, w.admin, "on_demand")).toMatchObject({ records: 0, keptByHolds: 8 });
    expect(await seqs(w.tenantId)).toHaveLength(10);
    expect(await events(w.tenantId, "records.purged")).toEqual([expect.objectContaining({ details: expect.objectContaining({ records: 0, keptByHolds: 8 }) })]);

    await releaseHold(w.admin, hold.id);
    await expect(releaseHold(w.auditor, hold.id)).rejects.toThrow(/already released/);
    expect(await purgeExpiredRecords(w.tenantId, PURGE_JOB, "scheduled")).toMatchObject({ records: 8 });
    expect(await events(w.tenantId, "hold.placed")).toEqual([
      expect.objectContaining({ actorId: w.auditor.id, details: expect.objectContaining({ holdId: hold.id, scope: "tenant" }) }),
    ]);
    expect(await events(w.tenantId, "hold.released")).toEqual([
      expect.objectContaining({ actorId: w.admin.id, details: expect.objectContaining({ holdId: hold.id }) }),
    ]);
    const [listed] = await listHolds(w.auditor);
    expect(listed).toMatchObject({ id: hold.id, reason: "litigation 2026-17", placedByLabel: w.auditor.email, releasedByLabel: w.admin.email });
    expect(await verifyDecisionLog(w.tenantId)).toMatchObject({ ok: true, purgedThrough: 8 });
  });

  it("a hold on one person keeps their records (and, so the chain stays whole, every later one)", async () => {
    const w = await standardLog("hold-user");
    const hold = await placeHold(w.auditor, { scope: "user", email: w.bob.email.toUpperCase(), reason: "complaint by bob" });
    expect(hold).toMatchObject({ userId: w.bob.id, userEmail: w.bob.email });
    expect(await purgeExpiredRecords(w.tenantId, w.admin, "on_demand")).toMatchObject({ records: 3, throughSeq: 3, keptByHolds: 5 });
    expect(await seqs(w.tenantId)).toEqual([4, 5, 6, 7, 8, 9, 10]);
    expect(await verifyDecisionLog(w.tenantId)).toMatchObject({ ok: true, purgedThrough: 3 });

    await releaseHold(w.auditor, hold.id);
    expect(await purgeExpiredRecords(w.tenantId, w.admin, "on_demand")).toMatchObject({ records: 5, throughSeq: 8 });
    expect(await verifyDecisionLog(w.tenantId)).toMatchObject({ ok: true, purgedThrough: 8, count: 2 });
    await expect(placeHold(w.auditor, { scope: "user", email: "nobody@elsewhere.test", reason: "x" })).rejects.toThrow(/Nobody in this workspace/);
  });

  it("a hold on a range of days keeps the records of those days", async () => {
    const w = await standardLog("hold-dates");
    const day = (d: Date) => d.toISOString().slice(0, 10);
    // Covers #6–#8 (1170 to 1165 days ago) and nothing before.
    await placeHold(w.auditor, { scope: "dates", from: day(daysAgo(1172)), to: day(daysAgo(1163)), reason: "audit of that quarter" });
    expect(await purgeExpiredRecords(w.tenantId, w.admin, "on_demand")).toMatchObject({ records: 5, throughSeq: 5, keptByHolds: 3 });
    expect(await seqs(w.tenantId)).toEqual([6, 7, 8, 9, 10]);
    expect(await verifyDecisionLog(w.tenantId)).toMatchObject({ ok: true, purgedThrough: 5 });
  });

  it("the database refuses a purge the retention or a hold does not allow, or without its checkpoint, and any change to a hold but its release", async () => {
    const w = await standardLog("hold-database");
    const hold = await placeHold(w.auditor, { scope: "user", email: w.bob.email, reason: "kept" });
    // The app role calling the function itself, beyond what the hold allows, or before signing the boundary.
    await expect(withTenant(w.tenantId, (tx) => tx.$queryRaw`SELECT lore_purge_decision_records(1095, 8)`)).rejects.toThrow(/may not be purged/);
    await expect(withTenant(w.tenantId, (tx) => tx.$queryRaw`SELECT lore_purge_decision_records(1095, 3)`)).rejects.toThrow(/needs a purge checkpoint/);
    // With the boundary signed, one day of retention passed in still cannot reach the recent records.
    await expect(
      withTenant(w.tenantId, async (tx) => {
        const boundary = await tx.decisionRecord.findFirstOrThrow({ where: { seq: 9 }, select: { seq: true, hash: true } });
        await writeCheckpoint(tx, w.tenantId, "purge", boundary);
        return tx.$queryRaw`SELECT lore_purge_decision_records(1, 9)`;
      }),
    ).rejects.toThrow(/may not be purged/);
    expect(await seqs(w.tenantId)).toHaveLength(10);

    await expect(asOwnerInTenant(w.tenantId, `UPDATE legal_holds SET reason = 'nothing' WHERE id = '${hold.id}'`)).rejects.toThrow(/only be released/);
    await expect(asOwnerInTenant(w.tenantId, `DELETE FROM legal_holds WHERE id = '${hold.id}'`)).rejects.toThrow(/append-only/);
    await expect(withTenant(w.tenantId, (tx) => tx.legalHold.delete({ where: { id: hold.id } }))).rejects.toThrow();
    expect((await listHolds(w.auditor))[0]).toMatchObject({ id: hold.id, reason: "kept", releasedAt: null });
  });
});

describe("the append-only guard and verification around purges", () => {
  it("still refuses an ordinary DELETE of an expired record, even by the database owner", async () => {
    const w = await standardLog("guard-delete");
    await expect(asOwnerInTenant(w.tenantId, "DELETE FROM decision_records WHERE seq <= 3")).rejects.toThrow(/append-only/);
    await expect(withTenant(w.tenantId, (tx) => tx.$executeRawUnsafe("DELETE FROM decision_records WHERE seq <= 3"))).rejects.toThrow();
    await expect(asOwnerInTenant(w.tenantId, "UPDATE decision_records SET question = 'x' WHERE seq = 1")).rejects.toThrow(/append-only/);
    expect(await seqs(w.tenantId)).toHaveLength(10);
  });

  it("refuses to purge records that were tampered with, keeping them as evidence", async () => {
    const w = await standardLog("guard-tampered");
    await withAuditGuardsOff(w.tenantId, "UPDATE decision_records SET answer = 'rewritten' WHERE seq = 2");
    await expect(purgeExpiredRecords(w.tenantId, w.admin, "on_demand")).rejects.toThrow(/do not verify, so they are kept as evidence: Record #2 was changed/);
    expect(await seqs(w.tenantId)).toHaveLength(10);
    expect(await events(w.tenantId, "records.purged")).toEqual([]);
  });

  it("detects the oldest records deleted by hand, with no purge checkpoint", async () => {
    const w = await standardLog("guard-oldest");
    await withAuditGuardsOff(w.tenantId, "DELETE FROM decision_records WHERE seq <= 3");
    const result = await verifyDecisionLog(w.tenantId);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      expect.objectContaining({ kind: "missing", seq: 1, message: "Records #1 to #3 are missing." }),
      expect.objectContaining({ kind: "relinked", seq: 4 }),
    ]);
  });

  it("detects records deleted by hand past a purge boundary, and edits and reordering after it", async () => {
    const w = await standardLog("guard-after-purge");
    await purgeExpiredRecords(w.tenantId, w.admin, "on_demand");
    await oldRecords(w, w.alice, 3, 0.01, 0); // #11–#13, just now
    await withTenant(w.tenantId, (tx) => writeCheckpoint(tx, w.tenantId, "on_demand"));
    await withAuditGuardsOff(w.tenantId, "DELETE FROM decision_records WHERE seq = 9 OR seq = 13");
    expect((await verifyDecisionLog(w.tenantId)).problems).toEqual([
      expect.objectContaining({ kind: "missing", seq: 9, message: "Record #9 is missing." }),
      expect.objectContaining({ kind: "relinked", seq: 10 }),
      expect.objectContaining({ kind: "tail_missing", seq: 13 }),
    ]);

    const other = await standardLog("guard-after-purge-edit");
    await purgeExpiredRecords(other.tenantId, other.admin, "on_demand");
    await withAuditGuardsOff(other.tenantId, "UPDATE decision_records SET answer = 'rewritten' WHERE seq = 10");
    expect((await verifyDecisionLog(other.tenantId)).problems).toEqual([expect.objectContaining({ kind: "changed", seq: 10 })]);

    const third = await standardLog("guard-after-purge-swap");
    await purgeExpiredRecords(third.tenantId, third.admin, "on_demand");
    await withAuditGuardsOff(
      third.tenantId,
      "UPDATE decision_records SET seq = -9 WHERE seq = 9; UPDATE decision_records SET seq = 9 WHERE seq = 10; UPDATE decision_records SET seq = 10 WHERE seq = -9",
    );
    expect((await verifyDecisionLog(third.tenantId)).problems[0]).toMatchObject({ kind: "reordered", seq: 9 });
  });
});
