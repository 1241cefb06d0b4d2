import "server-only";
import { z } from "zod";
import { actorOf, recordActivity } from "@/lib/auth/people/activity";
import { groupNameSchema, valid } from "@/lib/auth/people/fields";
import type { AuthenticatedUser } from "@/lib/auth/user";
import { withTenant, type TenantTx } from "@/lib/db/tenant";
import { LoreError } from "@/lib/errors";

/**
 * Groups are what document readers are chosen by, so a membership change is an access change: it
 * applies from the member's next question (principals are read from the database on every request)
 * and is logged with who was added or removed.
 */
const SURFACE = "groups";

export type GroupRow = { id: string; name: string; memberCount: number; createdAt: string };

export const memberChangesSchema = z
  .object({
    add: z
      .array(z.uuid({ message: "This is not a person." }))
      .max(5000)
      .default([]),
    remove: z
      .array(z.uuid({ message: "This is not a person." }))
      .max(5000)
      .default([]),
  })
  .refine((changes) => changes.add.length + changes.remove.length > 0, "Say whom to add or remove.")
  .refine((changes) => !changes.add.some((id) => changes.remove.includes(id)), "The same person cannot be added and removed at once.");
export type MemberChanges = z.input<typeof memberChangesSchema>;

export async function listGroups(admin: AuthenticatedUser): Promise<GroupRow[]> {
  const groups = await withTenant(admin.tenantId, (tx) =>
    tx.group.findMany({ where: { tenantId: admin.tenantId }, include: { _count: { select: { members: true } } }, orderBy: { name: "asc" } }),
  );
  return groups.map((g) => ({ id: g.id, name: g.name, memberCount: g._count.members, createdAt: g.createdAt.toISOString() }));
}

export async function createGroup(admin: AuthenticatedUser, rawName: string): Promise<GroupRow> {
  const name = valid(groupNameSchema, rawName, SURFACE);
  return withTenant(admin.tenantId, async (tx) => {
    await refuseTakenName(tx, admin.tenantId, name, null);
    const group = await tx.group.create({ data: { tenantId: admin.tenantId, name } });
    await recordActivity(tx, admin.tenantId, actorOf(admin), {
      action: "group.create",
      targetType: "group",
      targetId: group.id,
      targetLabel: name,
      after: { name },
    });
    return { id: group.id, name, memberCount: 0, createdAt: group.createdAt.toISOString() };
  });
}

export async function renameGroup(admin: AuthenticatedUser, groupId: string, rawName: string): Promise<GroupRow> {
  const name = valid(groupNameSchema, rawName, SURFACE);
  return withTenant(admin.tenantId, async (tx) => {
    const before = await groupOrNotFound(tx, admin.tenantId, groupId);
    if (before.name !== name) {
      await refuseTakenName(tx, admin.tenantId, name, groupId);
      await tx.group.update({ where: { id: groupId }, data: { name } });
      await recordActivity(tx, admin.tenantId, actorOf(admin), {
        action: "group.rename",
        targetType: "group",
        targetId: groupId,
        targetLabel: name,
        before: { name: before.name },
        after: { name },
      });
    }
    return { id: groupId, name, memberCount: before._count.members, createdAt: before.createdAt.toISOString() };
  });
}

/**
 * Deletes a group that no document names as a reader: deleting one that does would silently change
 * who may read those documents, so the admin first chooses their new readers.
 */
export async function deleteGroup(admin: AuthenticatedUser, groupId: string): Promise<void> {
  await withTenant(admin.tenantId, async (tx) => {
    const group = await groupOrNotFound(tx, admin.tenantId, groupId);
    const readerOf = await tx.document.count({ where: { tenantId: admin.tenantId, acl: { has: `group:${groupId}` } } });
    if (readerOf > 0) {
      throw new LoreError(
        "unprocessable",
        SURFACE,
        `"${group.name}" may read ${readerOf} document${readerOf === 1 ? "" : "s"}. Choose other readers for ${readerOf === 1 ? "it" : "them"} on the documents page first.`,
      );
    }
    const members = await tx.groupMembership.findMany({ where: { groupId }, select: { user: { select: { email: true } } } });
    await tx.group.delete({ where: { id: groupId } });
    await recordActivity(tx, admin.tenantId, actorOf(admin), {
      action: "group.delete",
      targetType: "group",
      targetId: groupId,
      targetLabel: group.name,
      before: { name: group.name, members: members.map((m) => m.user.email).sort() },
    });
  });
}

/** Adds and removes members in one go (the page's bulk actions); returns the group's member count. */
export async function changeMembers(
  admin: AuthenticatedUser,
  groupId: string,
  input: MemberChanges,
): Promise<{ added: number; removed: number; memberCount: number }> {
  const changes = valid(memberChangesSchema, input, SURFACE);
  return withTenant(admin.tenantId, async (tx) => {
    const group = await groupOrNotFound(tx, admin.tenantId, groupId);
    const named = [...new Set([...changes.add, ...changes.remove])];
    const people = await tx.user.findMany({ where: { tenantId: admin.tenantId, id: { in: named } }, select: { id: true, email: true } });
    if (people.length !== named.length) throw new LoreError("not_found", SURFACE, "One of the people is not in your workspace.");
    const emailOf = new Map(people.map((p) => [p.id, p.email]));
    const current = new Set((await tx.groupMembership.findMany({ where: { groupId }, select: { userId: true } })).map((m) => m.userId));
    const toAdd = [...new Set(changes.add)].filter((id) => !current.has(id));
    const toRemove = [...new Set(changes.remove)].filter((id) => current.has(id));
    if (toAdd.length) await tx.groupMembership.createMany({ data: toAdd.map((userId) => ({ tenantId: admin.tenantId, groupId, userId })) });
    if (toRemove.length) await tx.groupMembership.deleteMany({ where: { groupId, userId: { in: toRemove } } });
    if (toAdd.length || toRemove.length) {
      await recordActivity(tx, admin.tenantId, actorOf(admin), {
        action: "group.members",
        targetType: "group",
        targetId: groupId,
        targetLabel: group.name,
        after: { added: toAdd.map((id) => emailOf.get(id)!).sort(), removed: toRemove.map((id) => emailOf.get(id)!).sort() },
      });
    }
    return { added: toAdd.length, removed: toRemove.length, memberCount: current.size + toAdd.length - toRemove.length };
  });
}

async function groupOrNotFound(tx: TenantTx, tenantId: string, groupId: string) {
  const group = z.uuid().safeParse(groupId).success
    ? await tx.group.findFirst({ where: { id: groupId, tenantId }, include: { _count: { select: { members: true } } } })
    : null;
  if (!group) throw new LoreError("not_found", SURFACE, "This group is not in your workspace.");
  return group;
}

// Names are compared without case, so "Sales" and "sales" cannot both exist and confuse readers' choices.
async function refuseTakenName(tx: TenantTx, tenantId: string, name: string, exceptId: string | null): Promise<void> {
  const taken = await tx.group.findFirst({ where: { tenantId, name: { equals: name, mode: "insensitive" }, id: exceptId ? { not: exceptId } : undefined } });
  if (taken) throw new LoreError("unprocessable", SURFACE, `There is already a group called "${taken.name}".`);
}
