import "server-only";
import { type AuditActor, logAuditEvent } from "@/lib/audit/access-log";
import { verifyThrough, writeCheckpoint } from "@/lib/audit/checkpoints";
import { errorForLog } from "@/lib/audit/personal-data";
import { lockDecisionLog } from "@/lib/audit/records";
import { purgePlan } from "@/lib/audit/retention";
import { config } from "@/lib/config";
import { systemDatabase } from "@/lib/db/system";
import { withTenant } from "@/lib/db/tenant";
import { LoreError } from "@/lib/errors";
import { logger } from "@/lib/log";

export type PurgeTrigger = "scheduled" | "on_demand";

export type PurgeResult = {
  /** records removed */
  records: number;
  /** the last record removed, whose hash the purge checkpoint signs (null: none removed) */
  throughSeq: number | null;
  boundaryHash: string | null;
  cutoff: Date;
  /** expired records kept because a legal hold covers them (or a record before them) */
  keptByHolds: number;
};

// At most this many records go in one transaction (each batch with its own purge checkpoint and audit
// event), so that a first purge of a large log neither holds the log's lock nor runs one statement for long.
const BATCH = 20_000;

/**
 * Removes the workspace's expired records that no legal hold covers, oldest first, in batches. Each
 * batch, in one transaction with the log locked against appends: verifies the records it is about to
 * remove (a purge never removes the evidence of tampering: it refuses instead) and those since the
 * last checkpoint, signs a purge checkpoint of the last record it removes (which the first record
 * kept links to, so the rest still verifies, see lib/audit/verify.ts), removes the records through
 * the database's only door for that (lore_purge_decision_records, which checks retention and holds
 * again), and writes who, when, how many and the boundary to the audit events. A scheduled run that
 * finds nothing to remove writes nothing; one on demand says so in the audit events too.
 */
export async function purgeExpiredRecords(tenantId: string, actor: AuditActor, trigger: PurgeTrigger): Promise<PurgeResult> {
  const total: PurgeResult = { records: 0, throughSeq: null, boundaryHash: null, cutoff: new Date(0), keptByHolds: 0 };
  for (;;) {
    const batch = await withTenant(
      tenantId,
      async (tx) => {
        await lockDecisionLog(tx, tenantId);
        const plan = await purgePlan(tx);
        const { keptByHolds } = plan;
        const result: PurgeResult = { records: 0, throughSeq: null, boundaryHash: null, cutoff: plan.cutoff, keptByHolds };
        if (plan.records > 0) {
          const first = await tx.decisionRecord.findFirstOrThrow({ where: { tenantId }, orderBy: { seq: "asc" }, select: { seq: true } });
          const last = Math.min(plan.throughSeq, first.seq + BATCH - 1);
          const removing = await verifyThrough(tx, tenantId, last);
          if (!removing.ok)
            throw new LoreError("unprocessable", "audit", `The records to purge do not verify, so they are kept as evidence: ${removing.problems[0]?.message}`);
          const boundary = await tx.decisionRecord.findFirstOrThrow({ where: { tenantId, seq: last }, select: { seq: true, hash: true } });
          await writeCheckpoint(tx, tenantId, "purge", boundary);
          const [removed] = await tx.$queryRaw<
            { count: number }[]
          >`SELECT lore_purge_decision_records(${config().audit.retentionDays}::int, ${last}::int) AS count`;
          Object.assign(result, { records: removed!.count, throughSeq: boundary.seq, boundaryHash: boundary.hash });
        }
        if (result.records > 0 || (trigger === "on_demand" && total.records === 0)) {
          await logAuditEvent(tx, tenantId, actor, {
            action: "records.purged",
            details: {
              trigger,
              records: result.records,
              throughSeq: result.throughSeq,
              boundaryHash: result.boundaryHash,
              cutoff: plan.cutoff.toISOString(),
              keptByHolds,
            },
          });
        }
        return result;
      },
      { timeoutMs: 300_000, statementTimeoutMs: 120_000 },
    );
    Object.assign(total, { records: total.records + batch.records, cutoff: batch.cutoff, keptByHolds: batch.keptByHolds });
    if (batch.throughSeq !== null) Object.assign(total, { throughSeq: batch.throughSeq, boundaryHash: batch.boundaryHash });
    if (batch.records < BATCH) return total;
  }
}

export const PURGE_JOB = { system: "retention job" } as const satisfies AuditActor;

/** The scheduled purge: every workspace in turn. Returns how many records it removed in all. */
export async function purgeEverywhere(): Promise<number> {
  // Which tenants exist is the one cross-tenant read; each purge is the tenant's own.
  const tenants = await systemDatabase("tenant-directory").prisma.tenant.findMany({ select: { id: true } });
  let removed = 0;
  for (const { id } of tenants) {
    try {
      removed += (await purgeExpiredRecords(id, PURGE_JOB, "scheduled")).records;
    } catch (error) {
      logger().error({ failure: errorForLog(error), tenantId: id }, "audit: could not purge expired decision records");
    }
  }
  if (removed > 0) logger().info({ removed }, "audit: purged expired decision records");
  return removed;
}
