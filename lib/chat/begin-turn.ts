import "server-only";
import { openPendingTurn, type PendingTurnDraft } from "@/lib/audit/pending-turns";
import type { AuthenticatedUser } from "@/lib/auth/user";
import { otherWorkspaceIdsAsNotFound, storeQuestion, type HistoryTurn } from "@/lib/chat/conversations";
import type { ChatMessage } from "@/lib/chat/messages";
import { withTenant } from "@/lib/db/tenant";
import { addTokens, admitTurn } from "@/lib/guardrails/rate-limits";
import type { PolicyRules } from "@/lib/guardrails/policy";

export type BegunTurn = { decisionId: string; admittedAt: Date; history: HistoryTurn[]; reservedTokens: number };

type TurnStart = {
  conversationId: string;
  /** the question as it may be stored */
  message: ChatMessage;
  limits: PolicyRules["limits"];
  /** the model tokens this turn may use at most, given what was said before it (0 without a model) */
  tokenEstimate: (history: HistoryTurn[]) => number;
  pending: Omit<PendingTurnDraft, "tenantId" | "userId" | "userEmail" | "conversationId" | "reservedTokens">;
};

/**
 * The turn's first transaction: admits the turn against the rate limits, reserving its token
 * estimate, stores the question in its conversation, and notes the turn as pending. All or nothing:
 * a refused turn leaves no message and uses no quota; an admitted one is certain to end with a
 * decision record (written by the turn, or by the sweeper if its process dies).
 *
 * Admission comes first so that a refusal costs a few statements. It reserves the estimate without
 * history; once the history is read, the rest is reserved in the same transaction, before anyone else
 * can read the counters (the admission holds their row locks until commit).
 */
export async function beginTurn(user: AuthenticatedUser, start: TurnStart): Promise<BegunTurn> {
  return withTenant(user.tenantId, async (tx) => {
    const admittedAt = start.pending.startedAt;
    const withoutHistory = start.tokenEstimate([]);
    await admitTurn(tx, user, start.limits, withoutHistory, admittedAt);
    const history = await storeQuestion(tx, user, start.conversationId, start.message);
    const reservedTokens = start.tokenEstimate(history);
    await addTokens(tx, user, admittedAt, reservedTokens - withoutHistory);
    await openPendingTurn(tx, {
      ...start.pending,
      tenantId: user.tenantId,
      userId: user.id,
      userEmail: user.email,
      conversationId: start.conversationId,
      reservedTokens,
    });
    return { decisionId: start.pending.id, admittedAt: start.pending.startedAt, history, reservedTokens };
  }).catch(otherWorkspaceIdsAsNotFound);
}
