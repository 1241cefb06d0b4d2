import "server-only";
import type { AuthenticatedUser } from "@/lib/auth/user";
import { withTenant, type TenantTx } from "@/lib/db/tenant";
import { LoreError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { messageText, type ChatMessage } from "@/lib/chat/messages";
import { answersCitingUnreadable, HIDDEN_ANSWER_FOR_MODEL, hiddenAnswer } from "@/lib/chat/unreadable-sources";

export type HistoryTurn = { role: "user" | "assistant"; text: string };

/**
 * Stores the user's message in their conversation, in the transaction that begins the turn, and
 * returns what was said before it. Ids come from the browser (it names new conversations and
 * messages), so each is checked against the signed-in user: another user's conversation is "not
 * found". Sending a message id that already exists means "edit or regenerate from here". Asking
 * the last question again unchanged is a regeneration: its earlier answers stay, as versions the
 * reader can switch between. Otherwise the message is replaced and everything after it is dropped,
 * which is what the chat shows.
 */
export async function storeQuestion(tx: TenantTx, user: AuthenticatedUser, conversationId: string, message: ChatMessage): Promise<HistoryTurn[]> {
  const conversation = await tx.conversation.findUnique({ where: { id: conversationId } });
  if (conversation && conversation.userId !== user.id) throw new LoreError("not_found", "chat", "This conversation does not exist.");
  if (!conversation) {
    await tx.conversation.create({
      data: { id: conversationId, tenantId: user.tenantId, userId: user.id, title: titleFrom(messageText(message)) },
    });
  }
  const existing = await tx.message.findUnique({ where: { id: message.id } });
  if (existing && existing.conversationId !== conversationId) throw new LoreError("bad_request", "chat", "That message belongs to another conversation.");
  if (existing) {
    const laterQuestions = await tx.message.count({ where: { conversationId, role: "user", createdAt: { gt: existing.createdAt } } });
    const regenerating = laterQuestions === 0 && messageText({ parts: existing.parts as ChatMessage["parts"] }) === messageText(message);
    if (!regenerating) {
      await tx.message.deleteMany({ where: { conversationId, createdAt: { gt: existing.createdAt } } });
      await tx.message.update({ where: { id: message.id }, data: { parts: message.parts as Prisma.InputJsonArray } });
    }
  } else {
    await tx.message.create({
      data: { id: message.id, tenantId: user.tenantId, conversationId, role: "user", parts: message.parts as Prisma.InputJsonArray },
    });
  }
  // A conversation made just now has its time and no earlier turns: two statements less on a first question.
  if (!conversation) return [];
  await tx.conversation.update({ where: { id: conversationId }, data: { updatedAt: new Date() } });
  const earlier = await tx.message.findMany({
    where: { conversationId, id: { not: message.id }, ...(existing ? { createdAt: { lt: existing.createdAt } } : {}) },
    orderBy: { createdAt: "asc" },
  });
  // Of an earlier question's answer versions, the model is told only the one the reader kept last.
  const kept = earlier.filter((m, i) => !(m.role === "assistant" && earlier[i + 1]?.role === "assistant"));
  // The first question of a conversation has no answer before it to check: one query less on that turn.
  const hidden = kept.some((m) => m.role === "assistant") ? await answersCitingUnreadable(tx, user, conversationId) : new Set<string>();
  return kept.map((m) => ({ role: m.role, text: hidden.has(m.id) ? HIDDEN_ANSWER_FOR_MODEL : messageText({ parts: m.parts as ChatMessage["parts"] }) }));
}

/**
 * For the end of storeQuestion's transaction: row-level security hides another workspace's rows,
 * not their ids, so a conversation or message id taken there collides on create (a unique
 * violation, which aborts the transaction). It names nothing of this user's: "not found".
 */
export function otherWorkspaceIdsAsNotFound(error: unknown): never {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
    throw new LoreError("not_found", "chat", "This conversation does not exist.");
  throw error;
}

/** Stores the answer, in the transaction that writes the turn's decision record. */
export async function storeAnswer(tx: TenantTx, user: AuthenticatedUser, conversationId: string, answer: ChatMessage, decisionId: string): Promise<void> {
  await tx.message.create({
    data: {
      id: answer.id,
      tenantId: user.tenantId,
      conversationId,
      role: "assistant",
      parts: answer.parts as Prisma.InputJsonArray,
      metadata: (answer.metadata ?? {}) as Prisma.InputJsonObject,
      decisionId,
    },
  });
}

/** The conversation as the chat shows it (answers citing what the user may no longer read hidden), or null if it is not this user's. */
export async function loadConversation(user: AuthenticatedUser, conversationId: string): Promise<{ title: string; messages: ChatMessage[] } | null> {
  return withTenant(user.tenantId, async (tx) => {
    const conversation = await tx.conversation.findFirst({
      where: { id: conversationId, userId: user.id },
      include: { messages: { orderBy: { createdAt: "asc" } } },
    });
    if (!conversation) return null;
    const hidden = await answersCitingUnreadable(tx, user, conversationId);
    return {
      title: conversation.title,
      messages: conversation.messages.map((m) => {
        const message: ChatMessage = {
          id: m.id,
          role: m.role,
          parts: m.parts as ChatMessage["parts"],
          metadata: (m.metadata ?? undefined) as ChatMessage["metadata"],
        };
        return hidden.has(m.id) ? hiddenAnswer(message) : message;
      }),
    };
  });
}

function titleFrom(question: string): string {
  const line = question.replace(/\s+/g, " ").trim();
  return line.length > 80 ? `${line.slice(0, 77)}…` : line || "New conversation";
}
