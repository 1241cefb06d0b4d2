import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROMPT_VERSION } from "@/lib/chat/prompt";
import { REFUSALS } from "@/lib/guardrails/refusals";
import type { Database } from "@/lib/db/client";
import { acmeWithDocuments } from "@/tests/support/acme";
import { ask } from "@/tests/support/chat";
import { migratedDatabase } from "@/tests/support/database";
import { chatServerAsModel, type ChatServer } from "@/tests/support/openai-chat-server";
import { streamedText } from "@/tests/support/ui-stream";

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

describe("a chat turn with an OpenAI-compatible model", () => {
  it("streams the model's answer with citations and records model, prompt version and tokens", async () => {
    llm.behaviour = "answer";
    const { chunks, record } = await ask(acme.users.engineer!, "How many vacation days do I get?");
    expect(streamedText(chunks)).toBe(llm.reply);
    expect(chunks.some((c) => c.type === "data-citations")).toBe(true);
    expect(record).toMatchObject({ outcome: "answered", mode: "llm", model: "test-model", promptVersion: PROMPT_VERSION, answer: llm.reply, tokensIn: 120 });
    expect(record!.tokensOut).toBeGreaterThan(0);
  });

  it("shows the model only passages the user may read", async () => {
    llm.behaviour = "answer";
    const { record } = await ask(acme.users.engineer!, "What commission do sales representatives earn?");
    const prompt = JSON.stringify(llm.requests.at(-1)?.messages);
    expect(prompt).not.toContain("12%");
    expect(record?.withheldCount).toBe(1);
    await ask(acme.users.seller!, "What commission do sales representatives earn?");
    expect(JSON.stringify(llm.requests.at(-1)?.messages)).toContain("12% commission");
  });

  it("does not ask the model when nothing the user may read matches", async () => {
    const before = llm.requests.length;
    const { record } = await ask(acme.users.engineer!, "zxqv wibble frobnicate");
    expect(llm.requests.length).toBe(before);
    expect(record).toMatchObject({ outcome: "no_answer", mode: "extractive" });
  });

  it.each([
    ["drop-mid-stream", /connection to the language model was lost/],
    ["stall-mid-stream", /took too long/],
    ["http-500", /HTTP 500/],
  ] as const)("still writes the record, marked as an error, when the model fails (%s)", async (behaviour, message) => {
    llm.behaviour = behaviour;
    const { chunks, record } = await ask(acme.users.engineer!, "How many vacation days do I get?");
    expect(chunks.some((c) => c.type === "error")).toBe(true);
    expect(record).toMatchObject({ outcome: "error", mode: "llm" });
    expect(record!.error).toMatch(message);
    expect(JSON.stringify(record)).not.toContain("sk-test-secret-key");
    expect(JSON.stringify(record)).not.toContain(llm.baseURL);
  });

  it("keeps personal data in the question away from the model", async () => {
    llm.behaviour = "answer";
    await ask(acme.users.engineer!, "I am jane.doe@example.com, phone 010-1234-5678. How many vacation days do I get?");
    const prompt = JSON.stringify(llm.requests.at(-1)?.messages);
    expect(prompt).not.toContain("jane.doe@example.com");
    expect(prompt).not.toContain("010-1234-5678");
    expect(prompt).toContain("[EMAIL]");
  });

  it("redacts personal data in the model's answer as it streams", async () => {
    llm.behaviour = "answer";
    llm.reply = "Ask HR at hr.lead@acme.example for details. Every employee gets 25 vacation days [1].";
    const { chunks, record } = await ask(acme.users.engineer!, "How many vacation days do I get?");
    expect(streamedText(chunks)).toContain("[EMAIL]");
    expect(streamedText(chunks)).not.toContain("hr.lead@acme.example");
    expect(record?.answer).not.toContain("hr.lead@acme.example");
  });

  it("withholds an abusive answer and says why", async () => {
    llm.behaviour = "answer";
    llm.reply = "연차 휴가는 15일입니다 [1]. 너 같은 멍청이는 꺼져라. ";
    const { chunks, record } = await ask(acme.users.engineer!, "연차 휴가는 며칠인가요?");
    const notice = chunks.find((c) => c.type === "data-guardrail")?.data as { withheld: boolean; message: string };
    expect(notice).toMatchObject({ withheld: true, message: REFUSALS.outputWithheld.ko });
    expect(streamedText(chunks)).not.toContain("멍청이");
    expect(record).toMatchObject({ outcome: "blocked", answer: REFUSALS.outputWithheld.ko });
  });

  it("flags an answer whose claims the cited passages do not support", async () => {
    llm.behaviour = "answer";
    llm.reply = "Every employee gets 40 vacation days and a company car [1].";
    const { chunks, record } = await ask(acme.users.engineer!, "How many vacation days do I get?");
    expect(chunks.find((c) => c.type === "data-guardrail")?.data).toMatchObject({ withheld: false, flagged: true });
    expect((record?.verdicts as { check: string; applied: boolean }[] | undefined)?.find((v) => v.check === "groundedness")).toMatchObject({ applied: true });
    llm.reply = "Every employee gets 25 vacation days [1].";
  });

  it("records a turn the user stopped as aborted", async () => {
    llm.behaviour = "stall-mid-stream";
    const stop = new AbortController();
    // The person stops the answer once it has begun and then gone quiet.
    void llm.stalled().then(() => stop.abort());
    const { record } = await ask(acme.users.engineer!, "How many vacation days do I get?", { signal: stop.signal });
    expect(record?.outcome).toBe("aborted");
  });
});
