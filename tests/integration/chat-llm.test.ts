import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROMPT_VERSION } from "@/lib/chat/prompt";
import type { Database } from "@/lib/db/client";
import { acmeWithDocuments } from "@/tests/support/acme";
import { ask } from "@/tests/support/chat";
import { migratedDatabase } from "@/tests/support/database";
import { startChatServer, type ChatServer } from "@/tests/support/openai-chat-server";
import { streamedText } from "@/tests/support/ui-stream";

let db: Database;
let llm: ChatServer;
let acme: Awaited<ReturnType<typeof acmeWithDocuments>>;

beforeAll(async () => {
  // Configuration is read once, on first use: the model server must be known before anything else runs.
  llm = await startChatServer();
  process.env.LLM_BASE_URL = llm.baseURL;
  process.env.LLM_MODEL = "test-model";
  process.env.LLM_API_KEY = "sk-test-secret-key";
  // Long enough for one retry of a failed request (the SDK waits 2 s), short enough for the stall test.
  process.env.LLM_TIMEOUT_MS = "4000";
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

  it("records a turn the user stopped as aborted", async () => {
    llm.behaviour = "stall-mid-stream";
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 300);
    const { record } = await ask(acme.users.engineer!, "How many vacation days do I get?", { signal: stop.signal });
    expect(record?.outcome).toBe("aborted");
  });
});
