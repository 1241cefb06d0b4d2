import "server-only";
import type { AuthenticatedUser } from "@/lib/auth/user";
import { withTenant } from "@/lib/db/tenant";
import type { FeedbackReason, Rating } from "@/lib/generated/prisma/enums";

export type GivenFeedback = { rating: Rating; reason: FeedbackReason | null; comment: string | null };

/** The reader's own feedback on the answers they are shown, by decision id, so their votes show after a reload. */
export async function feedbackOn(user: AuthenticatedUser, decisionIds: string[]): Promise<Record<string, GivenFeedback>> {
  if (decisionIds.length === 0) return {};
  const rows = await withTenant(user.tenantId, (tx) =>
    tx.feedback.findMany({
      where: { tenantId: user.tenantId, userId: user.id, decisionId: { in: decisionIds } },
      select: { decisionId: true, rating: true, reason: true, comment: true },
    }),
  );
  return Object.fromEntries(rows.map((r) => [r.decisionId, { rating: r.rating, reason: r.reason, comment: r.comment }]));
}
