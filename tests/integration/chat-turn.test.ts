import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyDecisionLog } from "@/lib/audit/checkpoints";
import { EXTRACTIVE_LABEL, NOTHING_FOUND } from "@/lib/chat/extractive-answer";
import { loadConversation } from "@/lib/chat/conversations";
import { chatTurn } from "@/lib/chat/turn";
import type { Database } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { acmeWithDocuments } from "@/tests/support/acme";
import { ask } from "@/tests/support/chat";
import { migratedDatabase } from "@/tests/support/database";
import { streamedText } from "@/tests/support/ui-stream";

let db: Database;
let acme: Awaited<ReturnType<typeof acmeWithDocuments>>;

beforeAll(async () => {
  db = await migratedDatabase();
  acme = await acmeWithDocuments();
});
afterAll(() => db.close());

const recordCount = () => withTenant(acme.tenant.id, (tx) => tx.decisionRecord.count());

describe("a chat turn with no language model configured", () => {
  it("streams an extractive, labelled answer with citations and writes one decision record", async () => {
    const before = await recordCount();
    const { chunks, record } = await ask(acme.users.engineer!, "How many vacation days do I get?");
    const text = streamedText(chunks);
    expect(text).toContain(EXTRACTIVE_LABEL.en);
    expect(text).toContain("25 vacation days");
    expect(text).toMatch(/\[1\]/);
    const citations = chunks.find((c) => c.type === "data-citations")?.data as { n: number; documentTitle: string }[];
    expect(citations[0]).toMatchObject({ n: 1, documentTitle: "Handbook" });

    expect(await recordCount()).toBe(before + 1);
    expect(record).toMatchObject({
      outcome: "answered",
      mode: "extractive",
      userEmail: "engineer@acme.test",
      question: "How many vacation days do I get?",
      answer: text,
      withheldCount: 0,
    });
    expect((record!.retrieved as { documentTitle: string }[])[0]?.documentTitle).toBe("Handbook");
    expect(record!.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it("answers a Korean question in Korean", async () => {
    const { chunks, record } = await ask(acme.users.engineer!, "연차 휴가는 며칠인가요?");
    const text = streamedText(chunks);
    expect(text).toContain(EXTRACTIVE_LABEL.ko);
    expect(text).toContain("15일");
    expect(record?.outcome).toBe("answered");
  });

  it("keeps a restricted document out of the answer and records what the ACL withheld", async () => {
    const { chunks, record } = await ask(acme.users.engineer!, "What commission do sales representatives earn?");
    expect(streamedText(chunks)).not.toContain("12%");
    expect(record?.withheldCount).toBe(1);
    const withheldDocuments = (record!.withheld as { documentId: string }[]).map((w) => w.documentId);
    const retrievedDocuments = (record!.retrieved as { documentId: string }[]).map((r) => r.documentId);
    expect(retrievedDocuments.some((id) => withheldDocuments.includes(id))).toBe(false);

    const seller = await ask(acme.users.seller!, "What commission do sales representatives earn?");
    expect(streamedText(seller.chunks)).toContain("12%");
    expect(seller.record?.withheldCount).toBe(0);
  });

  it("says so when nothing the user may read matches", async () => {
    const { chunks, record } = await ask(acme.users.engineer!, "zxqv wibble frobnicate");
    expect(streamedText(chunks)).toBe(NOTHING_FOUND.en);
    expect(record).toMatchObject({ outcome: "no_answer", retrieved: [] });
  });

  it("refuses an empty question without writing a record", async () => {
    const before = await recordCount();
    await expect(ask(acme.users.engineer!, "   ")).rejects.toMatchObject({ code: "bad_request:chat" });
    expect(await recordCount()).toBe(before);
  });

  it("keeps the conversation in the database, and an edit replaces the turn and what followed it", async () => {
    const user = acme.users.engineer!;
    const conversationId = randomUUID();
    const messageId = randomUUID();
    const send = async (text: string) => {
      const response = await chatTurn(
        user,
        { conversationId, message: { id: messageId, role: "user", parts: [{ type: "text", text }] } },
        new AbortController().signal,
      );
      // The turn commits its answer and record before it finishes the stream.
      await response.text();
    };
    await send("How many vacation days do I get?");
    let conversation = await loadConversation(user, conversationId);
    expect(conversation?.messages.map((m) => m.role)).toEqual(["user", "assistant"]);
    expect(conversation?.messages[1]?.metadata).toMatchObject({ mode: "extractive" });

    await send("When must expense claims be submitted?");
    conversation = await loadConversation(user, conversationId);
    expect(conversation?.messages.map((m) => m.role)).toEqual(["user", "assistant"]);
    expect(JSON.stringify(conversation?.messages[1]?.parts)).toContain("30 days");
  });

  it("does not let another user write into someone's conversation", async () => {
    const { conversationId } = await ask(acme.users.engineer!, "How many vacation days do I get?");
    await expect(ask(acme.users.seller!, "What commission do I earn?", { conversationId })).rejects.toMatchObject({ code: "not_found:chat" });
    expect(await loadConversation(acme.users.seller!, conversationId)).toBeNull();
  });

  it("leaves a hash chain that verifies", async () => {
    expect(await verifyDecisionLog(acme.tenant.id)).toMatchObject({ ok: true });
  });
});
