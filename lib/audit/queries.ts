import "server-only";
import type { AuthenticatedUser } from "@/lib/auth/user";
import { withTenant } from "@/lib/db/tenant";

/** The tenant's most recent decision records, newest first, with their feedback. */
export async function listDecisionRecords(auditor: AuthenticatedUser, options: { limit?: number } = {}) {
  return withTenant(auditor.tenantId, (tx) =>
    tx.decisionRecord.findMany({
      where: { tenantId: auditor.tenantId },
      orderBy: { seq: "desc" },
      take: Math.min(options.limit ?? 100, 500),
      include: { feedback: { select: { rating: true, comment: true } } },
    }),
  );
}

export async function getDecisionRecord(auditor: AuthenticatedUser, id: string) {
  return withTenant(auditor.tenantId, (tx) =>
    tx.decisionRecord.findFirst({ where: { id, tenantId: auditor.tenantId }, include: { feedback: true } }),
  );
}
