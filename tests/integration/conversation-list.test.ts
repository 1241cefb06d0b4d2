import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/client";
import { deleteConversation, listConversations, renameConversation } from "@/lib/chat/conversation-list";
import { acmeWithDocuments } from "@/tests/support/acme";
import { ask } from "@/tests/support/chat";
import { migratedDatabase } from "@/tests/support/database";
import { createTenant } from "@/tests/support/fixtures";

let db: Database;
let acme: Awaited<ReturnType<typeof acmeWithDocuments>>;
let globex: Awaited<ReturnType<typeof createTenant>>;

beforeAll(async () => {
  db = await migratedDatabase();
  acme = await acmeWithDocuments();
  globex = await createTenant("globex", [], [{ key: "ann", role: "employee", groups: [] }]);
});
afterAll(() => db.close());

describe("a user's conversation list", () => {
  it("lists only the user's own conversations, newest first", async () => {
    const engineer = acme.users.engineer!;
    const first = await ask(engineer, "How many vacation days do I get?");
    const second = await ask(engineer, "연차 휴가는 며칠인가요?");
    await ask(acme.users.seller!, "What commission do sales representatives earn?");
    const list = await listConversations(engineer);
    expect(list.map((c) => c.id)).toEqual([second.conversationId, first.conversationId]);
    expect(list[0]).toMatchObject({ title: "연차 휴가는 며칠인가요?", match: null });
    expect(await listConversations(globex.users.ann!)).toEqual([]);
  });

  it("searches titles and the words of questions and answers, in Korean and English, with a snippet", async () => {
    const seller = acme.users.seller!;
    const byAnswer = await listConversations(seller, "12% COMMISSION");
    expect(byAnswer).toHaveLength(1);
    expect(byAnswer[0]!.match).toMatch(/12% commission/i);
    const engineer = acme.users.engineer!;
    expect((await listConversations(engineer, "연차")).map((c) => c.title)).toEqual(["연차 휴가는 며칠인가요?"]);
    // the answer's words are found too (the handbook says "carry over"), not only the question's
    expect((await listConversations(engineer, "25 vacation days")).length).toBe(1);
    expect(await listConversations(engineer, "commission")).toEqual([]); // the seller's conversation is not the engineer's
    // LIKE wildcards are taken literally
    expect(await listConversations(engineer, "%")).toEqual([]);
    expect(await listConversations(engineer, "vacation_days")).toEqual([]); // unescaped, "_" would match the space
  });

  it("renames and deletes only the user's own conversations", async () => {
    const engineer = acme.users.engineer!;
    const [latest] = await listConversations(engineer);
    const renamed = await renameConversation(engineer, latest!.id, "  휴가   일수  ");
    expect(renamed.title).toBe("휴가 일수");
    await expect(renameConversation(acme.users.seller!, latest!.id, "stolen")).rejects.toMatchObject({ status: 404 });
    await expect(renameConversation(globex.users.ann!, latest!.id, "stolen")).rejects.toMatchObject({ status: 404 });
    await expect(renameConversation(engineer, latest!.id, "   ")).rejects.toMatchObject({ status: 400 });
    await expect(deleteConversation(acme.users.seller!, latest!.id)).rejects.toMatchObject({ status: 404 });

    await deleteConversation(engineer, latest!.id);
    expect((await listConversations(engineer)).map((c) => c.id)).not.toContain(latest!.id);
    await expect(deleteConversation(engineer, latest!.id)).rejects.toMatchObject({ status: 404 });
  });
});
