import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/client";
import { drainIngestQueue } from "@/lib/ingest/jobs/worker";
import { acceptUploads } from "@/lib/ingest/upload";
import { retrieve } from "@/lib/retrieval/hybrid-search";
import { acmeWithDocuments } from "@/tests/support/acme";
import { ask } from "@/tests/support/chat";
import { migratedDatabase } from "@/tests/support/database";
import { bytes } from "@/tests/support/fixtures";
import { startChatServer, type ChatServer } from "@/tests/support/openai-chat-server";

// Issue 12 point 5: "And for managers?" after a question about vacation days retrieves vacation days.

let db: Database;
let acme: Awaited<ReturnType<typeof acmeWithDocuments>>;
let server: ChatServer;

beforeAll(async () => {
  db = await migratedDatabase();
  acme = await acmeWithDocuments();
  await acceptUploads(acme.users.admin!, {
    files: [
      {
        fileName: "managers.md",
        bytes: bytes(
          "# Managers\n\n## Leave\n\nManagers receive 30 vacation days per year.\n\n## Team budget\n\nEach manager owns the team's travel budget.\n",
        ),
      },
      { fileName: "관리자.md", bytes: bytes("# 관리자 규정\n\n관리자의 연차 휴가는 20일입니다.\n\n## 예산\n\n관리자는 팀 출장 예산을 관리합니다.\n") },
    ],
    readers: { everyone: true },
  });
  await drainIngestQueue();
  server = await startChatServer();
});
afterAll(async () => {
  await db.close();
  await server.close();
});

const model = () => createOpenAICompatible({ name: "test", baseURL: server.baseURL }).chatModel("rewriter");
const vacation = [
  { role: "user" as const, text: "How many vacation days do I get?" },
  { role: "assistant" as const, text: "Every employee receives 25 vacation days per year [1]." },
];

describe("follow-up questions", () => {
  it("without a model, join a short follow-up to the previous question", async () => {
    const retrieval = await retrieve(acme.users.engineer!, "And for managers?", { earlier: vacation });
    expect(retrieval.searched).toEqual({ text: "How many vacation days do I get?\nAnd for managers?", rewrittenBy: "previous_question" });
    expect(retrieval.chunks[0]?.content).toContain("30 vacation days");
  });

  it("without a model, do the same in Korean", async () => {
    const earlier = [{ role: "user" as const, text: "연차 휴가는 며칠인가요?" }];
    const retrieval = await retrieve(acme.users.engineer!, "관리자는요?", { earlier });
    expect(retrieval.searched.rewrittenBy).toBe("previous_question");
    expect(retrieval.chunks[0]?.content).toContain("20일");
  });

  it("with a model, search for the model's standalone question, asked with the conversation", async () => {
    server.behaviour = "answer";
    server.reply = "How many vacation days do managers get?";
    const requests = server.requests.length;
    const retrieval = await retrieve(acme.users.engineer!, "And for managers?", { earlier: vacation, model: model() });
    expect(retrieval.searched).toEqual({ text: "How many vacation days do managers get?", rewrittenBy: "model" });
    expect(retrieval.chunks[0]?.content).toContain("30 vacation days");
    const sent = server.requests.slice(requests);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.messages.map((m) => m.content).join("\n")).toContain("How many vacation days do I get?");
  });

  it("falls back to joining when the model fails", async () => {
    server.behaviour = "http-500";
    const retrieval = await retrieve(acme.users.engineer!, "And for managers?", { earlier: vacation, model: model() });
    expect(retrieval.searched.rewrittenBy).toBe("previous_question");
    expect(retrieval.chunks[0]?.content).toContain("30 vacation days");
    server.behaviour = "answer";
  });

  it("leaves a question that stands alone as it is, without asking the model", async () => {
    const requests = server.requests.length;
    const retrieval = await retrieve(acme.users.engineer!, "When must expense claims be submitted?", { earlier: vacation, model: model() });
    expect(retrieval.searched).toEqual({ text: "When must expense claims be submitted?", rewrittenBy: null });
    expect(server.requests.length).toBe(requests);
    expect(retrieval.chunks[0]?.content).toContain("30 days");
  });

  it("names what was searched for in the decision record of a chat turn, in both languages", async () => {
    const first = await ask(acme.users.engineer!, "How many vacation days do I get?");
    expect(first.record?.search).toEqual({ text: "How many vacation days do I get?", rewrittenBy: null, reranking: null });
    const followUp = await ask(acme.users.engineer!, "And for managers?", { conversationId: first.conversationId });
    expect(followUp.record?.search).toEqual({ text: "How many vacation days do I get?\nAnd for managers?", rewrittenBy: "previous_question", reranking: null });
    const korean = await ask(acme.users.engineer!, "연차 휴가는 며칠인가요?");
    const koreanFollowUp = await ask(acme.users.engineer!, "관리자는요?", { conversationId: korean.conversationId });
    expect(koreanFollowUp.record?.search).toMatchObject({ text: "연차 휴가는 며칠인가요?\n관리자는요?", rewrittenBy: "previous_question" });
  });
});
