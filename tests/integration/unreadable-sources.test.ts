import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { AuthenticatedUser } from "@/lib/auth/user";
import { listConversations } from "@/lib/chat/conversation-list";
import { loadConversation, storeQuestion } from "@/lib/chat/conversations";
import { HIDDEN_ANSWER_FOR_MODEL } from "@/lib/chat/unreadable-sources";
import type { Database } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { deleteDocument } from "@/lib/ingest/document-actions";
import { drainIngestQueue } from "@/lib/ingest/jobs/worker";
import { changeReaders } from "@/lib/ingest/readers";
import { acceptUploads } from "@/lib/ingest/upload";
import { acmeWithDocuments } from "@/tests/support/acme";
import { ask } from "@/tests/support/chat";
import { migratedDatabase } from "@/tests/support/database";
import { bytes } from "@/tests/support/fixtures";

// An answer given while the reader could open its sources is hidden once they no longer can: its
// text quotes them (the extractive answer word for word) and its citations name them.

let db: Database;
let acme: Awaited<ReturnType<typeof acmeWithDocuments>>;
let seller: AuthenticatedUser;
let commissionId: string;

beforeAll(async () => {
  db = await migratedDatabase();
  acme = await acmeWithDocuments();
  seller = acme.users.seller!;
  commissionId = await withTenant(acme.tenant.id, async (tx) => (await tx.document.findFirstOrThrow({ where: { fileName: "commission.md" } })).id);
});
afterAll(() => db.close());
// Each test revokes the seller's access to the commission plan; the next starts with it restored.
afterEach(() => changeReaders(acme.users.admin!, commissionId, salesOnly()));

const salesOnly = () => ({ everyone: false as const, groupIds: [acme.groupIds.sales!], userIds: [] });
const engineeringOnly = () => ({ everyone: false as const, groupIds: [acme.groupIds.engineering!], userIds: [] });

async function answerOf(user: AuthenticatedUser, conversationId: string) {
  const conversation = await loadConversation(user, conversationId);
  return conversation!.messages.find((m) => m.role === "assistant")!;
}

describe("an answer whose sources the reader may no longer open", () => {
  it("is hidden from the chat once access is revoked, and shown again when it is restored", async () => {
    const { conversationId } = await ask(seller, "What commission do sales representatives earn?");
    expect(JSON.stringify(await answerOf(seller, conversationId))).toContain("12% commission");

    await changeReaders(acme.users.admin!, commissionId, engineeringOnly());
    const hidden = await answerOf(seller, conversationId);
    expect(hidden.parts).toEqual([]);
    expect(hidden.metadata).toMatchObject({ sourcesUnreadable: true });
    const shown = JSON.stringify(await loadConversation(seller, conversationId));
    expect(shown).not.toContain("12%");
    expect(shown).not.toContain("Sales commission plan"); // the cited document's title
    expect(shown).toContain("What commission do sales representatives earn?"); // the reader's own question stays

    await changeReaders(acme.users.admin!, commissionId, salesOnly());
    expect(JSON.stringify(await answerOf(seller, conversationId))).toContain("12% commission");
  });

  it("is hidden when any one of its sources is unreadable, though others still are", async () => {
    const { conversationId } = await ask(seller, "What commission do sales representatives earn, and how many vacation days do I get?");
    const cited = (await answerOf(seller, conversationId)).parts.flatMap((p) => (p.type === "data-citations" ? p.data.map((c) => c.documentTitle) : []));
    expect(cited).toEqual(expect.arrayContaining(["Sales commission plan", "Handbook"]));
    await changeReaders(acme.users.admin!, commissionId, engineeringOnly());
    expect((await answerOf(seller, conversationId)).metadata).toMatchObject({ sourcesUnreadable: true });
  });

  it("is not found by conversation search, though the question still is", async () => {
    const { conversationId } = await ask(seller, "커미션 비율은 얼마인가요? commission rate");
    expect((await listConversations(seller, "12% commission")).map((c) => c.id)).toContain(conversationId);

    await changeReaders(acme.users.admin!, commissionId, engineeringOnly());
    expect(await listConversations(seller, "12% commission")).toEqual([]);
    expect((await listConversations(seller, "커미션 비율")).map((c) => c.id)).toContain(conversationId);
  });

  it("reaches a model only as a placeholder in the history of the next question", async () => {
    const { conversationId } = await ask(seller, "What commission do sales representatives earn?");
    await changeReaders(acme.users.admin!, commissionId, engineeringOnly());
    const history = await withTenant(acme.tenant.id, (tx) =>
      storeQuestion(tx, seller, conversationId, { id: randomUUID(), role: "user", parts: [{ type: "text", text: "And above quota?" }] }),
    );
    expect(history).toEqual([
      { role: "user", text: "What commission do sales representatives earn?" },
      { role: "assistant", text: HIDDEN_ANSWER_FOR_MODEL },
    ]);
  });

  it("keeps answers whose sources are all still readable, and hides those citing a deleted document", async () => {
    await acceptUploads(acme.users.admin!, {
      files: [{ fileName: "bonus.md", bytes: bytes("# Sales bonus\n\nThe quarterly sales bonus is paid in the first week of April.\n") }],
      readers: salesOnly(),
    });
    await drainIngestQueue();
    const handbook = await ask(seller, "How many vacation days do I get?");
    const bonus = await ask(seller, "When is the quarterly sales bonus paid?");
    expect(JSON.stringify(await answerOf(seller, bonus.conversationId))).toContain("first week of April");
    const bonusId = await withTenant(acme.tenant.id, async (tx) => (await tx.document.findFirstOrThrow({ where: { fileName: "bonus.md" } })).id);
    await deleteDocument(acme.users.admin!, bonusId);
    expect(JSON.stringify(await answerOf(seller, handbook.conversationId))).toContain("25 vacation days");
    expect((await answerOf(seller, bonus.conversationId)).metadata).toMatchObject({ sourcesUnreadable: true });
  });
});
