import "server-only";
import { closePendingTurn } from "@/lib/audit/pending-turns";
import { appendDecisionRecordIn, type DecisionDraft } from "@/lib/audit/records";
import type { AuthenticatedUser } from "@/lib/auth/user";
import type { BegunTurn } from "@/lib/chat/begin-turn";
import { storeAnswer } from "@/lib/chat/conversations";
import type { ChatMessage } from "@/lib/chat/messages";
import { withTenant } from "@/lib/db/tenant";
import { addTokens } from "@/lib/guardrails/rate-limits";
import { errorForLog } from "@/lib/audit/personal-data";
import { logger } from "@/lib/log";

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
      return await withTenant(user.tenantId, async (tx) => {
        if (!(await closePendingTurn(tx, turn.decisionId))) {
          logger().warn({ decisionId: turn.decisionId }, "chat turn ended after the sweeper had closed it as incomplete; not recorded twice");
          return false;
        }
        await storeAnswer(tx, user, conversationId, record.answer, turn.decisionId);
        await appendDecisionRecordIn(tx, {
          ...record.decision,
          id: turn.decisionId,
          tenantId: user.tenantId,
          userId: user.id,
          userEmail: user.email,
          conversationId,
        });
        // The reservation is replaced by what the turn used.
        await addTokens(tx, user, turn.admittedAt, record.tokensUsed - turn.reservedTokens);
        return true;
      });
    } catch (error) {
      logger().error({ failure: errorForLog(error), decisionId: turn.decisionId, attempt }, "could not record the chat turn");
    }
  }
  return false;
}
