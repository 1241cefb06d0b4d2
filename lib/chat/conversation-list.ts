import "server-only";
import type { AuthenticatedUser } from "@/lib/auth/user";
import { withTenant } from "@/lib/db/tenant";
import { citesUnreadable } from "@/lib/chat/unreadable-sources";
import { LoreError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";

/** One line of the conversation list: what it is called, when it last changed, and why it matched a search. */
export type ConversationSummary = { id: string; title: string; updatedAt: string; match: string | null };

export const MAX_TITLE_CHARS = 120;
const LIST_LIMIT = 200;
const SNIPPET_CHARS = 90;

/**
 * The signed-in user's conversations, newest first; with a query, those whose title or any message
 * (question or answer) contains it, case-insensitively, with the matching words as a snippet.
 * Always this user's own, inside their tenant's row-level security.
 */
export async function listConversations(user: AuthenticatedUser, query = ""): Promise<ConversationSummary[]> {
  const needle = query.trim();
  return withTenant(user.tenantId, async (tx) => {
    if (!needle) {
      const rows = await tx.conversation.findMany({
        where: { tenantId: user.tenantId, userId: user.id },
        orderBy: { updatedAt: "desc" },
        take: LIST_LIMIT,
        select: { id: true, title: true, updatedAt: true },
      });
      return rows.map((r) => ({ id: r.id, title: r.title, updatedAt: r.updatedAt.toISOString(), match: null }));
    }
    const pattern = `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    // A message's words are the text of its text parts (the rest is citations and metadata). An answer
    // citing a document the user may no longer read is not searched, as the chat hides it too; that is
    // checked on the messages that match, after the cheaper ILIKE.
    const searchable = Prisma.sql`NOT (t.role = 'assistant' AND ${citesUnreadable(Prisma.sql`t`, user)})`;
    const rows = await tx.$queryRaw<{ id: string; title: string; updated_at: Date; hit: string | null }[]>`
      WITH texts AS (
        SELECT m.conversation_id, m.created_at, m.role, m.parts,
               (SELECT string_agg(p->>'text', ' ') FROM jsonb_array_elements(m.parts) p WHERE p->>'type' = 'text') AS text
        FROM messages m JOIN conversations c ON c.id = m.conversation_id
        WHERE c.tenant_id = ${user.tenantId}::uuid AND c.user_id = ${user.id}::uuid
      )
      SELECT c.id, c.title, c.updated_at,
             (SELECT t.text FROM texts t WHERE t.conversation_id = c.id AND t.text ILIKE ${pattern} AND ${searchable} ORDER BY t.created_at LIMIT 1) AS hit
      FROM conversations c
      WHERE c.tenant_id = ${user.tenantId}::uuid AND c.user_id = ${user.id}::uuid
        AND (c.title ILIKE ${pattern} OR EXISTS (SELECT 1 FROM texts t WHERE t.conversation_id = c.id AND t.text ILIKE ${pattern} AND ${searchable}))
      ORDER BY c.updated_at DESC
      LIMIT ${LIST_LIMIT}`;
    return rows.map((r) => ({ id: r.id, title: r.title, updatedAt: r.updated_at.toISOString(), match: r.hit === null ? null : snippet(r.hit, needle) }));
  });
}

/** Renames one of the user's conversations; another user's (or a missing) one is "not found". */
export async function renameConversation(user: AuthenticatedUser, id: string, title: string): Promise<ConversationSummary> {
  const clean = title.replace(/\s+/g, " ").trim();
  if (!clean) throw new LoreError("bad_request", "conversations", "A conversation needs a title.");
  return withTenant(user.tenantId, async (tx) => {
    const { count } = await tx.conversation.updateMany({
      where: { id, tenantId: user.tenantId, userId: user.id },
      data: { title: clean.slice(0, MAX_TITLE_CHARS) },
    });
    if (count === 0) throw notFound();
    const row = await tx.conversation.findUniqueOrThrow({ where: { id }, select: { id: true, title: true, updatedAt: true } });
    return { id: row.id, title: row.title, updatedAt: row.updatedAt.toISOString(), match: null };
  });
}

/**
 * Deletes one of the user's conversations and its messages. The decision records of its turns stay:
 * they are the audit trail, which the reader cannot erase.
 */
export async function deleteConversation(user: AuthenticatedUser, id: string): Promise<void> {
  await withTenant(user.tenantId, async (tx) => {
    const { count } = await tx.conversation.deleteMany({ where: { id, tenantId: user.tenantId, userId: user.id } });
    if (count === 0) throw notFound();
  });
}

function notFound(): LoreError {
  return new LoreError("not_found", "conversations", "This conversation does not exist.");
}

/** The words around the first match, so the reader sees why a conversation was found. */
export function snippet(text: string, needle: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const at = flat.toLowerCase().indexOf(needle.toLowerCase());
  if (at < 0 || flat.length <= SNIPPET_CHARS) return flat.slice(0, SNIPPET_CHARS);
  const start = Math.max(0, Math.min(at - Math.floor((SNIPPET_CHARS - needle.length) / 2), flat.length - SNIPPET_CHARS));
  return `${start > 0 ? "…" : ""}${flat.slice(start, start + SNIPPET_CHARS).trim()}${start + SNIPPET_CHARS < flat.length ? "…" : ""}`;
}
