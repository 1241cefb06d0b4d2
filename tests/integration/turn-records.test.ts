import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyDecisionLog } from "@/lib/audit/checkpoints";
import { closeExpiredTurns, INCOMPLETE_TURN } from "@/lib/audit/sweeper";
import { loadConversation } from "@/lib/chat/conversations";
import { turnTokenEstimate } from "@/lib/chat/prompt";
import type { Database } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { DEFAULT_POLICY, type PolicyRules } from "@/lib/guardrails/policy";
import { savePolicyVersion } from "@/lib/guardrails/policy-store";
import { acmeWithDocuments } from "@/tests/support/acme";
import { ask } from "@/tests/support/chat";
import { migratedDatabase } from "@/tests/support/database";
import { chatServerAsModel, type ChatServer } from "@/tests/support/openai-chat-server";
import { decisionIdOf, streamedText } from "@/tests/support/ui-stream";

/**
 * Issue 9 point 3 and issue 13 points 6 and 7: every turn leaves exactly one correct record, written
 * with its answer and token usage in one transaction, however it ends; budgets hold under concurrency;
 * a model answer with characters Postgres cannot store is still stored and recorded.
 */
let db: Database;
let llm: ChatServer;
let acme: Awaited<ReturnType<typeof acmeWithDocuments>>;

beforeAll(async () => {
  llm = await chatServerAsModel();
  db = await migratedDatabase();
  acme = await acmeWithDocuments();
});
afterAll(async () => {
  await db.close();
  await llm.close();
});

async function usePolicy(change: (rules: PolicyRules) => void = () => {}) {
  const rules = structuredClone(DEFAULT_POLICY);
  change(rules);
  await savePolicyVersion(acme.users.admin!, rules, "test");
}

const recordsWithId = (id: string) => withTenant(acme.tenant.id, (tx) => tx.decisionRecord.findMany({ where: { id } }));
const pendingCount = () => withTenant(acme.tenant.id, (tx) => tx.pendingTurn.count());

/** A turn that ends one way or another: its one record, its stored answer, and nothing left pending. */
async function expectOneRecord(conversationId: string, decisionId: string, outcome: string) {
  const records = await recordsWithId(decisionId);
  expect(records).toHaveLength(1);
  expect(records[0]!.outcome).toBe(outcome);
  expect(records[0]!.timings).toMatchObject({ total: expect.any(Number), retrieval: expect.any(Number), model: expect.any(Number) });
  const conversation = await loadConversation(acme.users.engineer!, conversationId);
  expect(conversation?.messages.filter((m) => m.role === "assistant").map((m) => m.metadata?.decisionId)).toEqual([decisionId]);
  expect(await pendingCount()).toBe(0);
  expect(await verifyDecisionLog(acme.tenant.id)).toMatchObject({ ok: true });
  return records[0]!;
}

describe("one record per turn, written with its answer in one transaction", () => {
  it.each([
    ["answer", "answered"],
    ["drop-mid-stream", "error"],
    ["stall-mid-stream", "error"],
    ["http-500", "error"],
  ] as const)("the model's %s leaves exactly one %s record, the answer beside it and an intact chain", async (behaviour, outcome) => {
    await usePolicy();
    llm.behaviour = behaviour;
    const { conversationId, chunks } = await ask(acme.users.engineer!, "How many vacation days do I get?");
    const record = await expectOneRecord(conversationId, decisionIdOf(chunks), outcome);
    if (outcome === "answered") expect(record.answer).toBe(llm.reply);
    else expect(chunks.some((c) => c.type === "error")).toBe(true);
  });

  it("a reader who stops the answer leaves one aborted record", async () => {
    llm.behaviour = "stall-mid-stream";
    const stop = new AbortController();
    const before = llm.requests.length;
    const asked = ask(acme.users.engineer!, "How many vacation days do I get?", { signal: stop.signal });
    await expect.poll(() => llm.requests.length, { timeout: 30_000 }).toBeGreaterThan(before);
    stop.abort();
    const { conversationId, chunks } = await asked;
    await expectOneRecord(conversationId, decisionIdOf(chunks), "aborted");
  });

  it("when the database refuses the record, the reader is told, nothing half-written stays, and the sweeper closes the turn as incomplete", async () => {
    llm.behaviour = "answer";
    await db.withSession((session) =>
      session.exec(`CREATE FUNCTION test_refuse_record() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$;
        CREATE TRIGGER test_refuse_record BEFORE INSERT ON decision_records FOR EACH ROW EXECUTE FUNCTION test_refuse_record();`),
    );
    let turn: Awaited<ReturnType<typeof ask>> | undefined;
    try {
      turn = await ask(acme.users.engineer!, "How many vacation days do I get?", { waitForRecord: false });
    } finally {
      await db.withSession((session) => session.exec(`DROP TRIGGER test_refuse_record ON decision_records; DROP FUNCTION test_refuse_record();`));
    }
    const errors = turn.chunks.filter((c) => c.type === "error").map((c) => String(c.errorText));
    expect(errors.join(" ")).toMatch(/could not be saved to the audit log/);
    const decisionId = decisionIdOf(turn.chunks);
    expect(await recordsWithId(decisionId)).toHaveLength(0);
    // The answer went with the record: the conversation holds the question alone.
    const conversation = await loadConversation(acme.users.engineer!, turn.conversationId);
    expect(conversation?.messages.map((m) => m.role)).toEqual(["user"]);
    expect(await pendingCount()).toBe(1);

    // Nothing is closed before its deadline; after it, the turn gets its one record.
    expect(await closeExpiredTurns(new Date())).toBe(0);
    expect(await closeExpiredTurns(new Date(Date.now() + 24 * 3600_000))).toBe(1);
    const [record] = await recordsWithId(decisionId);
    expect(record).toMatchObject({
      outcome: "incomplete",
      error: INCOMPLETE_TURN,
      question: "How many vacation days do I get?",
      userEmail: "engineer@acme.test",
    });
    expect(await pendingCount()).toBe(0);
    expect(await closeExpiredTurns(new Date(Date.now() + 24 * 3600_000))).toBe(0);
    expect(await verifyDecisionLog(acme.tenant.id)).toMatchObject({ ok: true });
  });

  it("stores and records a model answer with NUL characters and lone surrogates, cleaned", async () => {
    llm.behaviour = "answer";
    llm.reply = "Every employee\u0000 gets 25 vacation days \uD800[1]. 연차는\u0000 15일입니다.";
    try {
      const { conversationId, chunks } = await ask(acme.users.engineer!, "How many vacation days do I get?");
      const record = await expectOneRecord(conversationId, decisionIdOf(chunks), "answered");
      expect(record.answer).toBe("Every employee gets 25 vacation days \uFFFD[1]. 연차는 15일입니다.");
      const conversation = await loadConversation(acme.users.engineer!, conversationId);
      expect(JSON.stringify(conversation?.messages[1]?.parts)).toContain("연차는 15일입니다.");
    } finally {
      llm.reply = "Every employee gets 25 vacation days [1].";
    }
  });
});

describe("token budgets under concurrency", () => {
  it("fifty concurrent turns never take a budget past its limit by more than one turn's estimate, and usage settles to what was used", async () => {
    // The model reports nearly a whole estimate per answer, as a long answer would.
    const estimate = turnTokenEstimate("How many vacation days do I get?", []);
    llm.behaviour = "answer";
    llm.promptTokens = estimate - 50;
    const limit = 4 * estimate;
    await usePolicy((rules) => {
      rules.limits = { userRequestsPerMinute: null, tenantRequestsPerMinute: null, userTokensPerDay: null, tenantTokensPerDay: limit };
    });
    const today = new Date(new Date().setUTCHours(0, 0, 0, 0));
    const tenantTokens = () =>
      withTenant(acme.tenant.id, (tx) => tx.rateCounter.findFirst({ where: { subject: "tenant", metric: "tokens", windowStart: today } })).then(
        (row) => row?.count ?? 0,
      );
    const before = await tenantTokens();
    const people = [acme.users.engineer!, acme.users.seller!, acme.users.admin!, acme.users.auditor!];
    try {
      const results = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => ask(people[i % people.length]!, "How many vacation days do I get?")));
      const answered = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
      const refused = results.flatMap((r) => (r.status === "rejected" ? [r.reason as { code: string; message: string }] : []));
      expect(answered.length).toBeGreaterThan(0);
      expect(refused.length).toBeGreaterThan(0);
      for (const error of refused) expect(error).toMatchObject({ code: "rate_limited:chat", message: expect.stringMatching(/daily allowance/) });
      const used = answered.reduce((sum, turn) => sum + turn.record!.tokensIn + turn.record!.tokensOut, 0);
      const after = await tenantTokens();
      expect(after - before).toBe(used);
      expect(after).toBeLessThanOrEqual(limit + estimate);
      expect(await pendingCount()).toBe(0);
    } finally {
      llm.promptTokens = 120;
      await usePolicy();
    }
  });
});

describe("the sweeper", () => {
  it("closes a turn its process never finished, once, and leaves the chain intact", async () => {
    const id = randomUUID();
    const conversationId = randomUUID();
    const startedAt = new Date(Date.now() - 10 * 60_000);
    await withTenant(acme.tenant.id, (tx) =>
      tx.pendingTurn.create({
        data: {
          id,
          tenantId: acme.tenant.id,
          userId: acme.users.seller!.id,
          userEmail: acme.users.seller!.email,
          conversationId,
          question: "What commission do I earn? 제 전화번호는 [PHONE] 입니다",
          mode: "llm",
          model: "test-model",
          promptVersion: "grounded-answer-v1",
          policyVersion: null,
          verdicts: [{ stage: "input", check: "phone", action: "redact", applied: true, shadow: false, findings: [] }],
          reservedTokens: 9000,
          startedAt,
          deadline: new Date(startedAt.getTime() + 60_000),
        },
      }),
    );
    expect(await closeExpiredTurns()).toBe(1);
    const [record] = await recordsWithId(id);
    expect(record).toMatchObject({
      outcome: "incomplete",
      model: "test-model",
      conversationId,
      question: "What commission do I earn? 제 전화번호는 [PHONE] 입니다",
    });
    expect(record!.latencyMs).toBeGreaterThanOrEqual(10 * 60_000 - 1000);
    expect(await closeExpiredTurns()).toBe(0);
    expect(await verifyDecisionLog(acme.tenant.id)).toMatchObject({ ok: true });
  });
});

describe("timings", () => {
  it("records how long each stage took", async () => {
    llm.behaviour = "answer";
    const { chunks } = await ask(acme.users.engineer!, "How many vacation days do I get?");
    const [record] = await recordsWithId(decisionIdOf(chunks));
    const timings = record!.timings as Record<string, number>;
    expect(Object.keys(timings).sort()).toEqual(["guardrails", "model", "outputChecks", "retrieval", "total"]);
    for (const value of Object.values(timings)) expect(value).toBeGreaterThanOrEqual(0);
    expect(timings.total).toBeGreaterThanOrEqual(timings.retrieval! + timings.model!);
    expect(streamedText(chunks)).toBe(llm.reply);
  });
});
