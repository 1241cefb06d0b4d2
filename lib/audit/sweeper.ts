import "server-only";
import { writeScheduledCheckpoints } from "@/lib/audit/checkpoints";
import { purgeEverywhere } from "@/lib/audit/purge";
import { appendDecisionRecordIn } from "@/lib/audit/records";
import { config } from "@/lib/config";
import { errorForLog } from "@/lib/audit/personal-data";
import { systemDatabase } from "@/lib/db/system";
import { withTenant } from "@/lib/db/tenant";
import type { Verdict } from "@/lib/guardrails/verdicts";
import { logger } from "@/lib/log";

export const INCOMPLETE_TURN = "The turn did not finish: its server stopped, or its answer could not be recorded.";

/**
 * Closes every pending turn whose deadline has passed with an "incomplete" decision record, so that
 * a turn whose process was killed (or whose record could not be written) still leaves exactly one
 * record. Each is closed in its tenant's transaction, with the record appended to the tenant's chain
 * and the pending row removed together; a row another sweeper or the turn itself holds is skipped.
 * Returns how many turns it closed.
 */
export async function closeExpiredTurns(now = new Date()): Promise<number> {
  // Which tenants have something to close is the one cross-tenant read; the work is per tenant.
  const tenants = await systemDatabase("tenant-directory").prisma.tenant.findMany({ select: { id: true } });
  let closed = 0;
  for (const { id: tenantId } of tenants) {
    closed += await withTenant(tenantId, async (tx) => {
      const expired = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM pending_turns WHERE tenant_id = ${tenantId}::uuid AND deadline < ${now} ORDER BY started_at FOR UPDATE SKIP LOCKED`;
      for (const { id } of expired) {
        const turn = await tx.pendingTurn.delete({ where: { id } });
        await appendDecisionRecordIn(tx, {
          id: turn.id,
          tenantId,
          userId: turn.userId,
          userEmail: turn.userEmail,
          conversationId: turn.conversationId,
          question: turn.question,
          answer: "",
          outcome: "incomplete",
          mode: turn.mode,
          model: turn.model,
          promptVersion: turn.promptVersion,
          policyVersion: turn.policyVersion,
          retrieved: [],
          withheld: [],
          verdicts: turn.verdicts as Verdict[],
          // Whether the model was asked, and for how much, is unknown: the reservation stays spent.
          tokensIn: 0,
          tokensOut: 0,
          latencyMs: Math.max(0, now.getTime() - turn.startedAt.getTime()),
          error: INCOMPLETE_TURN,
          requestId: turn.requestId,
          timings: null,
        });
      }
      return expired.length;
    });
  }
  if (closed > 0) logger().warn({ closed }, "closed chat turns that never finished as incomplete");
  return closed;
}

let started = false;

/**
 * The decision log's background work, for as long as the process runs: closing turns that never
 * finished (at start-up, then every AUDIT_SWEEP_SECONDS), signing each workspace's chain head
 * (every AUDIT_CHECKPOINT_MINUTES) and purging records past their retention (at start-up, then every
 * AUDIT_PURGE_HOURS).
 */
export function startAuditSweeper(): void {
  if (started) return;
  started = true;
  const { sweepEveryMs, checkpointEveryMs, purgeEveryMs } = config().audit;
  const sweep = () =>
    closeExpiredTurns().catch((error: unknown) => logger().error({ failure: errorForLog(error) }, "audit sweeper: could not close expired turns"));
  const sign = () =>
    writeScheduledCheckpoints().catch((error: unknown) => logger().error({ failure: errorForLog(error) }, "audit: could not write scheduled checkpoints"));
  const purge = () => purgeEverywhere().catch((error: unknown) => logger().error({ failure: errorForLog(error) }, "audit: could not purge expired records"));
  void sweep();
  // At start-up too: a server restarted more often than AUDIT_PURGE_HOURS would otherwise never purge.
  void purge();
  setInterval(sweep, sweepEveryMs).unref();
  setInterval(sign, checkpointEveryMs).unref();
  setInterval(purge, purgeEveryMs).unref();
}
