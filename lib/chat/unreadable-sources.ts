import "server-only";
import { principalsOf } from "@/lib/auth/principals";
import type { AuthenticatedUser } from "@/lib/auth/user";
import type { ChatMessage } from "@/lib/chat/messages";
import type { TenantTx } from "@/lib/db/tenant";
import { Prisma } from "@/lib/generated/prisma/client";

// A stored answer carries what it drew on: its citations name every passage it was given (a model
// saw them all, cited or not), and its text restates them (an extractive answer quotes them word for
// word). So access is checked again whenever an answer is read back, not only when it was given: an
// answer citing any document the reader may no longer open (its access was revoked, or it was deleted)
// is hidden from the chat, from conversation search and from the history a model is given. Its
// question stays; it is the reader's own.

/**
 * An SQL condition, true when the stored answer `messageAlias` (a table alias the caller writes, never
 * input) cites a document of the user's tenant that the user may not read now, or that is gone.
 */
export function citesUnreadable(messageAlias: Prisma.Sql, user: AuthenticatedUser): Prisma.Sql {
  // jsonb_path_query reads the citations part in lax mode, so a message without one yields nothing. An
  // id that is not a uuid (never written by this app) matches no document, so the answer is hidden.
  return Prisma.sql`EXISTS (
    SELECT 1 FROM jsonb_path_query(${messageAlias}.parts, '$[*] ? (@.type == "data-citations").data[*].documentId') AS cited(id)
    WHERE NOT EXISTS (
      SELECT 1 FROM documents d
      WHERE d.id = CASE WHEN cited.id #>> '{}' ~ '^[0-9a-fA-F-]{36}$' THEN (cited.id #>> '{}')::uuid END
        AND d.tenant_id = ${user.tenantId}::uuid AND d.acl && ${principalsOf(user)}::text[]
    )
  )`;
}

/** The ids of the answers to hide from this user in their conversation (none of another user's). */
export async function answersCitingUnreadable(tx: TenantTx, user: AuthenticatedUser, conversationId: string): Promise<Set<string>> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT m.id FROM messages m JOIN conversations c ON c.id = m.conversation_id
    WHERE m.conversation_id = ${conversationId}::uuid AND c.tenant_id = ${user.tenantId}::uuid AND c.user_id = ${user.id}::uuid
      AND m.role = 'assistant' AND ${citesUnreadable(Prisma.sql`m`, user)}`;
  return new Set(rows.map((r) => r.id));
}

/** What the chat shows of a hidden answer: no text, no sources, only why. */
export function hiddenAnswer(answer: ChatMessage): ChatMessage {
  return { id: answer.id, role: answer.role, parts: [], metadata: { decisionId: answer.metadata?.decisionId, sourcesUnreadable: true } };
}

/**
 * What a model is told of a hidden answer. The turn stays in the history, as a placeholder, because
 * some chat templates (served by vLLM, for one) reject two user messages in a row.
 */
export const HIDDEN_ANSWER_FOR_MODEL = "(This earlier answer is no longer available to the user.)";
