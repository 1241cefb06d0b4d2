import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBuiltApp, type RunningApp } from "@/tests/e2e/support/app-server";
import { chatBody, signInOverHttp, url } from "@/tests/e2e/support/http";
import { startChatServer, type ChatServer } from "@/tests/support/openai-chat-server";

// Issue 9 point 3: a process killed in the middle of a turn. The turn was noted as pending when it
// began; the next server to start on the same database closes it with an "incomplete" record, so the
// turn still has exactly one record and the chain still verifies.

let llm: ChatServer;
let first: RunningApp | undefined;
let second: RunningApp | undefined;

beforeAll(async () => {
  llm = await startChatServer();
});
afterAll(async () => {
  await first?.kill();
  await second?.stop();
  await llm.close();
});

/** Reads a chat response until its start chunk names the turn's decision record. */
async function decisionIdOf(response: Response): Promise<string> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    text += next.value;
    const start = text.match(/"type":"start".*?"decisionId":"([0-9a-f-]{36})"/);
    if (start) return start[1]!;
  }
  throw new Error(`the answer ended without a start chunk: ${text}`);
}

describe("a server killed in the middle of a turn", () => {
  it("leaves a pending turn that the next server closes with exactly one incomplete record and an intact chain", async () => {
    // The model takes the question and then says nothing: the turn is in flight when the server dies.
    llm.behaviour = "stall-mid-stream";
    first = await startBuiltApp(
      { LLM_BASE_URL: llm.baseURL, LLM_MODEL: "test-model", LLM_TIMEOUT_MS: "15000", AUDIT_TURN_GRACE_SECONDS: "0" },
      "turn-interrupted-1",
    );
    const alice = await signInOverHttp("acme", "alice@acme.test", undefined, first.baseURL);
    const asked = llm.requests.length;
    const response = await fetch(url("/api/chat", first.baseURL), {
      method: "POST",
      headers: { "content-type": "application/json", cookie: alice, origin: first.baseURL },
      body: chatBody("How many vacation days do I get?"),
    });
    expect(response.status).toBe(200);
    const decisionId = await decisionIdOf(response);
    await expect.poll(() => llm.requests.length).toBeGreaterThan(asked);
    await first.kill();

    second = await startBuiltApp(
      { LLM_BASE_URL: llm.baseURL, LLM_MODEL: "test-model", AUDIT_SWEEP_SECONDS: "1" },
      "turn-interrupted-2",
      undefined,
      first.dataDir,
    );
    const auditor = await signInOverHttp("acme", "auditor@acme.test", undefined, second.baseURL);
    const recordsOf = async () => {
      const listed = await fetch(url("/api/audit/records?limit=500", second!.baseURL), { headers: { cookie: auditor } });
      return ((await listed.json()) as { records: { id: string; outcome: string; error: string | null }[] }).records.filter((r) => r.id === decisionId);
    };
    await expect.poll(async () => (await recordsOf()).length, { timeout: 60_000 }).toBe(1);
    expect((await recordsOf())[0]).toMatchObject({ outcome: "incomplete", error: expect.stringMatching(/did not finish/) });
    const page = await fetch(url("/audit", second.baseURL), { headers: { cookie: auditor } });
    expect(await page.text()).toContain("Hash chain verified");
  });
});
