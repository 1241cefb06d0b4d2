import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { feedbackOn } from "@/lib/chat/answer-feedback";
import { loadConversation } from "@/lib/chat/conversations";
import { chatTurn } from "@/lib/chat/turn";
import { recordFeedback } from "@/lib/audit/feedback";
import type { Database } from "@/lib/db/client";
import { acmeWithDocuments } from "@/tests/support/acme";
import { migratedDatabase } from "@/tests/support/database";
import { decisionIdOf, readUiStream } from "@/tests/support/ui-stream";

let db: Database;
let acme: Awaited<ReturnType<typeof acmeWithDocuments>>;

beforeAll(async () => {
  db = await migratedDatabase();
  acme = await acmeWithDocuments();
});
afterAll(() => db.close());

async function send(conversationId: string, messageId: string, text: string) {
  const user = acme.users.engineer!;
  const chunks = await readUiStream(
    await chatTurn(user, { conversationId, message: { id: messageId, role: "user", parts: [{ type: "text", text }] } }, new AbortController().signal),
  );
  // The turn commits its answer and record before it finishes the stream, which is read to its end.
  return decisionIdOf(chunks);
}

describe("answer versions", () => {
  it("keeps earlier answers when the last question is asked again, and drops them when it is edited", async () => {
    const user = acme.users.engineer!;
    const conversationId = randomUUID();
    const first = randomUUID();
    await send(conversationId, first, "How many vacation days do I get?");
    await send(conversationId, first, "How many vacation days do I get?");
    let messages = (await loadConversation(user, conversationId))!.messages;
    expect(messages.map((m) => m.role)).toEqual(["user", "assistant", "assistant"]);
    expect(new Set(messages.map((m) => m.metadata?.decisionId)).size).toBe(3); // two answers, two records

    const second = randomUUID();
    await send(conversationId, second, "When must expense claims be submitted?");
    // asking an earlier question again is an edit: it and what followed are replaced
    await send(conversationId, first, "How many vacation days do I get?");
    messages = (await loadConversation(user, conversationId))!.messages;
    expect(messages.map((m) => m.role)).toEqual(["user", "assistant"]);

    await send(conversationId, first, "When must expense claims be submitted?");
    messages = (await loadConversation(user, conversationId))!.messages;
    expect(messages.map((m) => m.role)).toEqual(["user", "assistant"]);
    expect(JSON.stringify(messages[1]!.parts)).toContain("30 days");
  });

  it("shows the reader their own feedback, with its reason, and only theirs", async () => {
    const conversationId = randomUUID();
    const decisionId = await send(conversationId, randomUUID(), "How many vacation days do I get?");
    await recordFeedback(acme.users.engineer!, { decisionId, rating: "down", reason: "outdated", comment: "We get 27 now" });
    expect(await feedbackOn(acme.users.engineer!, [decisionId])).toEqual({ [decisionId]: { rating: "down", reason: "outdated", comment: "We get 27 now" } });
    await recordFeedback(acme.users.engineer!, { decisionId, rating: "up" });
    expect(await feedbackOn(acme.users.engineer!, [decisionId])).toEqual({ [decisionId]: { rating: "up", reason: null, comment: null } });
    expect(await feedbackOn(acme.users.seller!, [decisionId])).toEqual({});
  });
});
