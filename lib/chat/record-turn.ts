import "server-only";
import { closePendingTurn } from "@/lib/audit/pending-turns";
import { appendDecisionRecordIn, type DecisionDraft, type WithheldPassage } from "@/lib/audit/records";
import type { AuthenticatedUser } from "@/lib/auth/user";
import type { BegunTurn } from "@/lib/chat/begin-turn";
import { storeAnswer } from "@/lib/chat/conversations";
import type { ChatMessage } from "@/lib/chat/messages";
import { withTenant, type TenantTx } from "@/lib/db/tenant";
import { addTokens } from "@/lib/guardrails/rate-limits";
import { errorForLog, storableText } from "@/lib/audit/personal-data";
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
            retrieved: record.decision.retrieved.map((passage) => ({ ...passage, documentTitle: storableText(passage.documentTitle) })),
            withheld: await storableTitles(tx, record.decision.withheld),
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
 * Withheld passages name their documents, which auditors may see. Those withheld by access control
 * come from retrieval as ids only (their text never leaves the search query), so their titles are read
 * here. A title is whatever an admin typed or a file was called ("Leave request — jane.doe@example.com"),
 * so it is stored like every other text in a record: with personal data redacted.
 */
async function storableTitles(tx: TenantTx, withheld: WithheldPassage[]): Promise<WithheldPassage[]> {
  const untitled = [...new Set(withheld.filter((w) => w.documentTitle === null).map((w) => w.documentId))];
  const documents = untitled.length ? await tx.document.findMany({ where: { id: { in: untitled } }, select: { id: true, title: true } }) : [];
  const titles = new Map(documents.map((d) => [d.id, d.title]));
  return withheld.map((w) => {
    const title = w.documentTitle ?? titles.get(w.documentId) ?? null;
    return { ...w, documentTitle: title === null ? null : storableText(title) };
  });
}
