import { randomUUID } from "node:crypto";
import { vi } from "vitest";
import type { AuthenticatedUser } from "@/lib/auth/user";
import { chatTurn } from "@/lib/chat/turn";
import { withTenant } from "@/lib/db/tenant";
import { readUiStream } from "@/tests/support/ui-stream";

/**
 * Asks a question through the real chat pipeline and reads its whole answer stream. Returns the
 * stream's chunks and the decision record the turn wrote (written before the stream finishes), or
 * null with `waitForRecord: false`, for a turn whose record is expected to be missing.
 */
export async function ask(user: AuthenticatedUser, question: string, options: { conversationId?: string; signal?: AbortSignal; waitForRecord?: boolean } = {}) {
  const conversationId = options.conversationId ?? randomUUID();
  const response = await chatTurn(
    user,
    { conversationId, message: { id: randomUUID(), role: "user", parts: [{ type: "text", text: question }] } },
    options.signal ?? new AbortController().signal,
  );
  const chunks = await readUiStream(response);
  const decisionId = (chunks.find((c) => c.type === "start")?.messageMetadata as { decisionId?: string } | undefined)?.decisionId;
  const record = decisionId && options.waitForRecord !== false ? await waitForRecord(user, decisionId) : null;
  return { conversationId, chunks, record };
}

// A finished turn's record is there when its stream ends; one the user stopped is written as the turn notices.
function waitForRecord(user: AuthenticatedUser, id: string) {
  return vi.waitFor(
    async () => {
      const record = await withTenant(user.tenantId, (tx) => tx.decisionRecord.findUnique({ where: { id } }));
      if (!record) throw new Error(`decision record ${id} was not written`);
      return record;
    },
    { timeout: 10_000, interval: 20 },
  );
}
