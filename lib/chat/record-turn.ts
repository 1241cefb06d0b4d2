import "server-only";
import { closePendingTurn } from "@/lib/audit/pending-turns";
import { appendDecisionRecordIn, type DecisionDraft, type WithheldPassage } from "@/lib/audit/records";
import type { AuthenticatedUser } from "@/lib/auth/user";
import type { BegunTurn } from "@/lib/chat/begin-turn";
import { storeAnswer } from "@/lib/chat/conversations";
import type { ChatMessage } from "@/lib/chat/messages";
import { withTenant, type TenantTx } from "@/lib/db/tenant";
import { addTokens } from "@/lib/guardrails/rate-limits";
import { errorForLog } from "@/lib/audit/personal-data";
import { logger } from "@/lib/log";
import { recordChatTurn, timedAuditWrite } from "@/lib/metrics/record";

export type TurnRecord = {
  /** the answer as it may be stored (personal data redacted, text cleaned) */
  answer: ChatMessage;
  decision: Omit<DecisionDraft, "id" | "tenantId" | "userId" | "userEmail" | "conversationId">;
  tokensUsed: number;
};

const ATTEMPTS = 2;

/**
 * The turn's last transaction: the answer message, the decision record and the settled token usage,
 * all or nothing, and the turn taken off the pending list. A failed write is tried once more (a
 * serialisation failure or a dropped connection passes); if it still fails the turn stays pending,
 * so the sweeper closes it as incomplete once its deadline has passed. Returns whether it was written.
 */
export async function recordTurn(user: AuthenticatedUser, conversationId: string, turn: BegunTurn, record: TurnRecord): Promise<boolean> {
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    try {
      const written = await timedAuditWrite(() =>
        withTenant(user.tenantId, async (tx) => {
          if (!(await closePendingTurn(tx, turn.decisionId))) {
            logger().warn({ decisionId: turn.decisionId }, "chat turn ended after the sweeper had closed it as incomplete; not recorded twice");
            return false;
          }
          await storeAnswer(tx, user, conversationId, record.answer, turn.decisionId);
          await appendDecisionRecordIn(tx, {
            ...record.decision,
            withheld: await withTitles(tx, record.decision.withheld),
            id: turn.decisionId,
            tenantId: user.tenantId,
            userId: user.id,
            userEmail: user.email,
            conversationId,
          });
          // The reservation is replaced by what the turn used.
          await addTokens(tx, user, turn.admittedAt, record.tokensUsed - turn.reservedTokens);
          return true;
        }),
      );
      if (written) recordChatTurn(record.decision);
      return written;
    } catch (error) {
      logger().error({ failure: errorForLog(error), decisionId: turn.decisionId, attempt }, "could not record the chat turn");
    }
  }
  return false;
}

/**
 * Passages withheld by access control come from retrieval as ids only (their text never leaves the
 * search query); the record names their documents, which auditors may see.
 */
async function withTitles(tx: TenantTx, withheld: WithheldPassage[]): Promise<WithheldPassage[]> {
  const untitled = [...new Set(withheld.filter((w) => w.documentTitle === null).map((w) => w.documentId))];
  if (untitled.length === 0) return withheld;
  const documents = await tx.document.findMany({ where: { id: { in: untitled } }, select: { id: true, title: true } });
  const titles = new Map(documents.map((d) => [d.id, d.title]));
  return withheld.map((w) => (w.documentTitle === null ? { ...w, documentTitle: titles.get(w.documentId) ?? null } : w));
}
