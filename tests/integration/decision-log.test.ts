import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendDecisionRecord, verifyDecisionChain, type DecisionDraft } from "@/lib/audit/records";
import type { Database } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { asOwnerInTenant, migratedDatabase } from "@/tests/support/database";
import { createTenant } from "@/tests/support/fixtures";

let db: Database;
let tenant: Awaited<ReturnType<typeof createTenant>>;

function draft(question: string): DecisionDraft {
  const user = tenant.users.employee!;
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

beforeAll(async () => {
  db = await migratedDatabase();
  tenant = await createTenant("chain", [], [{ key: "employee", role: "employee", groups: [] }]);
});
afterAll(() => db.close());

describe("the decision log", () => {
  it("numbers concurrent appends without gaps and chains every record to the one before", async () => {
    await Promise.all(Array.from({ length: 12 }, (_, i) => appendDecisionRecord(draft(`question ${i}`))));
    const records = await withTenant(tenant.tenant.id, (tx) => tx.decisionRecord.findMany({ orderBy: { seq: "asc" } }));
    expect(records.map((r) => r.seq)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    for (let i = 1; i < records.length; i++) expect(records[i]!.prevHash).toBe(records[i - 1]!.hash);
    expect(await verifyDecisionChain(tenant.tenant.id)).toEqual({ ok: true, count: 12 });
  });

  it("refuses to change or delete a record, even for the database owner", async () => {
    await expect(asOwnerInTenant(tenant.tenant.id, `UPDATE decision_records SET answer = 'edited'`)).rejects.toThrow(/append-only/);
    await expect(asOwnerInTenant(tenant.tenant.id, `DELETE FROM decision_records`)).rejects.toThrow(/append-only/);
    await expect(db.prisma.$executeRawUnsafe(`TRUNCATE decision_records CASCADE`)).rejects.toThrow(/append-only/);
    await expect(withTenant(tenant.tenant.id, (tx) => tx.$executeRawUnsafe(`UPDATE decision_records SET answer = 'edited'`))).rejects.toThrow();
  });

  it("shows tampering that got around the database's guard", async () => {
    // The owner can switch the guard off; the chain still gives the edit away.
    await asOwnerInTenant(
      tenant.tenant.id,
      `ALTER TABLE decision_records DISABLE TRIGGER decision_records_append_only;
       UPDATE decision_records SET answer = 'rewritten history' WHERE seq = 5;
       ALTER TABLE decision_records ENABLE TRIGGER decision_records_append_only;`,
    );
    expect(await verifyDecisionChain(tenant.tenant.id)).toEqual({ ok: false, count: 12, brokenAtSeq: 5, reason: "the record's content was changed" });
  });
});
