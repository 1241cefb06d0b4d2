import "server-only";
import { z } from "zod";
import { withTenant, type TenantTx } from "@/lib/db/tenant";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ACTIVITY_ACTIONS, type ActivityAction, type ActivityRow } from "@/lib/auth/people/activity-actions";

/**
 * The admin activity log: who changed what about people, groups and roles, when, and what it was
 * before and after. Rows are only ever added (the table refuses UPDATE and DELETE), in the same
 * transaction as the change they describe, so the log never misses or invents a change.
 */

/** An admin acting, or the system acting for one (single sign-on claims, the workspace command). */
export type Actor = { userId: string; label: string } | { userId: null; label: "single sign-on" | "operator" };

export const actorOf = (user: { id: string; email: string }): Actor => ({ userId: user.id, label: user.email });

export type ActivityEntry = {
  action: ActivityAction;
  targetType: "user" | "group" | "workspace";
  targetId: string | null;
  targetLabel: string;
  before?: Prisma.InputJsonValue;
  after?: Prisma.InputJsonValue;
};

export async function recordActivity(tx: TenantTx, tenantId: string, actor: Actor, entry: ActivityEntry): Promise<void> {
  await tx.adminActivity.create({
    data: { tenantId, actorId: actor.userId, actorLabel: actor.label, ...entry },
  });
}

export const activityFilterSchema = z.object({
  action: z.enum(ACTIVITY_ACTIONS).optional(),
  /** part of the actor's label (an admin's e-mail) */
  actor: z.string().trim().max(320).optional(),
  /** part of the target's label (an e-mail or a group name) */
  target: z.string().trim().max(320).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  /** the `next` of the page already shown: the following page starts after its last entry */
  after: z
    .string()
    .regex(/^\d{4}-\d\d-\d\dT[\d:.]+Z_[0-9a-f-]{36}$/, "This is not a page cursor.")
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ActivityFilter = z.infer<typeof activityFilterSchema>;

/** The workspace's log, newest first, filtered; `next` is the cursor of the following page. */
export async function listActivity(tenantId: string, filter: ActivityFilter): Promise<{ entries: ActivityRow[]; next: string | null }> {
  const cursor = filter.after
    ? { createdAt: new Date(filter.after.slice(0, filter.after.indexOf("_"))), id: filter.after.slice(filter.after.indexOf("_") + 1) }
    : null;
  const rows = await withTenant(tenantId, (tx) =>
    tx.adminActivity.findMany({
      where: {
        tenantId,
        action: filter.action,
        actorLabel: filter.actor ? { contains: filter.actor, mode: "insensitive" } : undefined,
        targetLabel: filter.target ? { contains: filter.target, mode: "insensitive" } : undefined,
        createdAt: { gte: filter.from, lte: filter.to },
        // Entries written in one transaction share a time, so the cursor is (time, id).
        ...(cursor ? { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] } : {}),
      },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: filter.limit + 1,
    }),
  );
  const page = rows.slice(0, filter.limit);
  return {
    entries: page.map((row) => ({
      id: row.id,
      createdAt: row.createdAt.toISOString(),
      actorLabel: row.actorLabel,
      action: row.action,
      targetType: row.targetType,
      targetLabel: row.targetLabel,
      before: row.before,
      after: row.after,
    })),
    next: rows.length > filter.limit ? `${page.at(-1)!.createdAt.toISOString()}_${page.at(-1)!.id}` : null,
  };
}
