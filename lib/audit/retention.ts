import "server-only";
import { z } from "zod";
import { logAuditEvent } from "@/lib/audit/access-log";
import type { AuthenticatedUser } from "@/lib/auth/user";
import { config } from "@/lib/config";
import { type TenantTx, withTenant } from "@/lib/db/tenant";
import type { Role } from "@/lib/generated/prisma/enums";

/**
 * How long a workspace keeps its decision records. Auditors and admins read it; only an admin changes
 * it (and runs a purge on demand), because it decides what evidence is destroyed; auditors and admins
 * place and release legal holds, which only ever keep more (lib/audit/legal-holds.ts).
 */
export const RETENTION_SETTERS = ["admin"] as const satisfies readonly Role[];

export const retentionChangeSchema = z
  .object({ days: z.number().int().min(1, "Keep records for at least one day.").max(36500, "Keep records for at most 100 years (36,500 days).") })
  .strict();

/** What a purge may remove now (the SQL function lore_purge_plan says how it is worked out). */
export type PurgePlan = {
  /** records written before this are expired */
  cutoff: Date;
  /** the last expired record, legal holds aside (0: none) */
  expiredThrough: number;
  /** the last record a purge may remove now */
  throughSeq: number;
  /** how many records a purge would remove now */
  records: number;
  /** expired records kept because a legal hold covers them (or a record before them) */
  keptByHolds: number;
};

export async function purgePlan(tx: TenantTx): Promise<PurgePlan> {
  const [plan] = await tx.$queryRaw<{ cutoff: Date; expired_through: number; through_seq: number; records: number }[]>`
    SELECT * FROM lore_purge_plan(${config().audit.retentionDays}::int)`;
  const { cutoff, expired_through: expiredThrough, through_seq: throughSeq, records } = plan!;
  return { cutoff, expiredThrough, throughSeq, records, keptByHolds: Math.max(0, expiredThrough - throughSeq) };
}

/** The workspace's retention in days, and whether it is its own setting or the deployment's default. */
export async function retentionOf(tx: TenantTx, tenantId: string) {
  const setting = await tx.retentionSetting.findUnique({ where: { tenantId } });
  return { days: setting?.days ?? config().audit.retentionDays, own: setting !== null, setting };
}

/**
 * What the retention page shows: the workspace's retention (and the deployment's default), what a
 * purge would remove now and how many expired records legal holds keep.
 */
export async function retentionStatus(reader: AuthenticatedUser) {
  return withTenant(reader.tenantId, async (tx) => {
    const [retention, plan] = [await retentionOf(tx, reader.tenantId), await purgePlan(tx)];
    return {
      days: retention.days,
      own: retention.own,
      defaultDays: config().audit.retentionDays,
      updatedAt: retention.setting?.updatedAt ?? null,
      updatedBy: retention.setting?.updatedByLabel ?? null,
      cutoff: plan.cutoff,
      purgeable: plan.records,
      keptByHolds: plan.keptByHolds,
    };
  });
}

/** Sets the workspace's retention, and writes the change (from, to) to the audit events in the same transaction. */
export async function setRetention(admin: AuthenticatedUser, days: number) {
  return withTenant(admin.tenantId, async (tx) => {
    const before = await retentionOf(tx, admin.tenantId);
    const data = { days, updatedAt: new Date(), updatedById: admin.id, updatedByLabel: admin.email };
    await tx.retentionSetting.upsert({ where: { tenantId: admin.tenantId }, create: { tenantId: admin.tenantId, ...data }, update: data });
    await logAuditEvent(tx, admin.tenantId, admin, { action: "retention.changed", details: { fromDays: before.days, toDays: days } });
    return { days, own: true };
  });
}
