import "server-only";
import type { AuthenticatedUser } from "@/lib/auth/user";
import { withTenant } from "@/lib/db/tenant";
import { LoreError } from "@/lib/errors";
import { storableText } from "@/lib/audit/personal-data";
import type { FeedbackReason } from "@/lib/generated/prisma/enums";
import { activePolicyOf } from "@/lib/guardrails/policy-store";

/**
 * A reader's verdict on an answer, attached to its decision record (which itself never changes).
 * Only the person who asked may rate it; rating again replaces their earlier rating. A comment is
 * stored with personal data redacted, like everything auditors read.
 */
export async function recordFeedback(
  user: AuthenticatedUser,
  feedback: { decisionId: string; rating: "up" | "down"; reason?: FeedbackReason; comment?: string },
) {
  const comment = feedback.comment ? storableText(feedback.comment, (await activePolicyOf(user.tenantId)).rules) : null;
  await withTenant(user.tenantId, async (tx) => {
    const decision = await tx.decisionRecord.findFirst({ where: { id: feedback.decisionId, userId: user.id }, select: { id: true } });
    if (!decision) throw new LoreError("not_found", "feedback", "There is no answer of yours with that id.");
    await tx.feedback.upsert({
      where: { decisionId_userId: { decisionId: feedback.decisionId, userId: user.id } },
      create: { tenantId: user.tenantId, decisionId: feedback.decisionId, userId: user.id, rating: feedback.rating, reason: feedback.reason ?? null, comment },
      update: { rating: feedback.rating, reason: feedback.reason ?? null, comment, createdAt: new Date() },
    });
  });
}
