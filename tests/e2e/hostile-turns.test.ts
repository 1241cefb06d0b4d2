import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { turnTokenEstimate } from "@/lib/chat/prompt";
import type { PolicyRules } from "@/lib/guardrails/policy";
import { startBuiltApp, type RunningApp } from "@/tests/e2e/support/app-server";
import { chatBody, signInOverHttp, url } from "@/tests/e2e/support/http";
import { watchHealth } from "@/tests/support/health-watch";
import { startChatServer, type ChatServer } from "@/tests/support/openai-chat-server";
import { decisionIdOf, readUiStream, streamedText } from "@/tests/support/ui-stream";

// Issue 13 points 6, 7 and 8: concurrent turns at the edge of a token budget, and a model answer with
// NUL characters, against the built server in a child process with a local OpenAI-compatible model.
// Each asserts the clear outcome and that /api/health stayed healthy throughout.

const CONCURRENT = 20;
let llm: ChatServer;
let app: RunningApp;
const sessions: Record<string, string> = {};

beforeAll(async () => {
  llm = await startChatServer();
  app = await startBuiltApp({ LLM_BASE_URL: llm.baseURL, LLM_MODEL: "test-model", LLM_TIMEOUT_MS: "20000" }, "hostile-turns");
  for (const email of ["admin@acme.test", "auditor@acme.test", "alice@acme.test", "bob@acme.test", "minsu@acme.test"]) {
    sessions[email] = await signInOverHttp("acme", email, undefined, app.baseURL);
  }
});
afterAll(async () => {
  await app?.stop();
  await llm?.close();
});

const post = (path: string, session: string, body: string) =>
  fetch(url(path, app.baseURL), { method: "POST", headers: { "content-type": "application/json", cookie: session, origin: app.baseURL }, body });

/** Saves the workspace's policy with other limits; returns the limits it had. */
async function setLimits(limits: PolicyRules["limits"]): Promise<PolicyRules["limits"]> {
  const admin = sessions["admin@acme.test"]!;
  const current = (await (await fetch(url("/api/policies", app.baseURL), { headers: { cookie: admin } })).json()) as { active: { rules: PolicyRules } };
  const saved = await post("/api/policies", admin, JSON.stringify({ rules: { ...current.active.rules, limits }, reason: "hostile-turns test" }));
  expect(saved.status).toBe(201);
  return current.active.rules.limits;
}

type RecordRow = { id: string; outcome: string; answer: string; tokensIn: number; tokensOut: number };

async function records(): Promise<RecordRow[]> {
  const response = await fetch(url("/api/audit/records?limit=500", app.baseURL), { headers: { cookie: sessions["auditor@acme.test"]! } });
  expect(response.status).toBe(200);
  return ((await response.json()) as { records: RecordRow[] }).records;
}

describe("hostile chat turns", () => {
  // Twenty at once here (fifty in tests/integration/turn-records.test.ts): every request also signs in,
  // and the embedded database still answers one statement at a time on the server's main thread.
  it("concurrent turns at the edge of the workspace's token budget: the rest get a clear 429, the budget holds, the server stays healthy", async () => {
    const question = "How many vacation days do I get?";
    const estimate = turnTokenEstimate(question, []);
    // Each answer uses nearly its whole estimate, so a budget that admitted too many would show it.
    llm.behaviour = "answer";
    llm.promptTokens = estimate - 50;
    const limit = 3 * estimate;
    const earlier = await setLimits({ userRequestsPerMinute: null, tenantRequestsPerMinute: null, userTokensPerDay: null, tenantTokensPerDay: limit });
    const before = await records();
    try {
      const health = watchHealth(app.baseURL);
      const people = ["alice@acme.test", "bob@acme.test", "minsu@acme.test"];
      const responses = await Promise.all(
        Array.from({ length: CONCURRENT }, async (_, i) => {
          const response = await post("/api/chat", sessions[people[i % people.length]!]!, chatBody(question));
          return { status: response.status, headers: response.headers, body: response.status === 200 ? await readUiStream(response) : await response.json() };
        }),
      );
      const report = await health.stop();

      const answered = responses.filter((r) => r.status === 200);
      const refused = responses.filter((r) => r.status === 429);
      expect(answered.length + refused.length).toBe(CONCURRENT);
      expect(answered.length).toBeGreaterThan(0);
      expect(refused.length).toBeGreaterThan(0);
      for (const r of refused) {
        expect(r.body).toMatchObject({ code: "rate_limited:chat", message: expect.stringMatching(/Your workspace has used its daily allowance/) });
        expect(Number(r.headers.get("retry-after"))).toBeGreaterThan(0);
      }
      const after = await records();
      const added = after.filter((r) => !before.some((b) => b.id === r.id));
      expect(added).toHaveLength(answered.length);
      const used = added.reduce((sum, r) => sum + r.tokensIn + r.tokensOut, 0);
      expect(used).toBeLessThanOrEqual(limit + estimate);
      expect(report, JSON.stringify(report)).toMatchObject({ failures: 0 });
      expect(report.probes).toBeGreaterThan(0);
    } finally {
      llm.promptTokens = 120;
      await setLimits(earlier);
    }
  });

  it("an answer with NUL characters and lone surrogates is shown, stored and recorded", async () => {
    llm.behaviour = "answer";
    llm.reply = "Every employee\u0000 gets 25 days\uD800 of paid vacation [1].";
    const health = watchHealth(app.baseURL);
    const response = await post("/api/chat", sessions["alice@acme.test"]!, chatBody("How many vacation days do I get?"));
    expect(response.status).toBe(200);
    const chunks = await readUiStream(response);
    const report = await health.stop();
    expect(streamedText(chunks)).toContain("of paid vacation [1].");
    expect(chunks.some((c) => c.type === "error")).toBe(false);
    const decisionId = decisionIdOf(chunks);
    const record = (await records()).find((r) => r.id === decisionId);
    expect(record).toMatchObject({ outcome: "answered", answer: "Every employee gets 25 days\uFFFD of paid vacation [1]." });
    expect(report.failures).toBe(0);
  });
});
