import "server-only";
import { z } from "zod";
import { actorOf, recordActivity } from "@/lib/auth/people/activity";
import { emailSchema, personNameSchema, roleSchema, valid } from "@/lib/auth/people/fields";
import { createWelcomeLink } from "@/lib/auth/people/welcome-links";
import { revokeUserSessions } from "@/lib/auth/sessions";
import type { AuthenticatedUser } from "@/lib/auth/user";
import { withTenant, type TenantTx } from "@/lib/db/tenant";
import { LoreError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";

/**
 * The workspace's people as its admins manage them: list and search, add someone (who sets their own
 * password through a one-time link), rename, change role, deactivate (which ends their sessions at
 * once) and reactivate. Every change is written to the admin activity log in its own transaction.
 */
const SURFACE = "people";

export type PersonRow = {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  groups: { id: string; name: string }[];
  hasPassword: boolean;
  lastSignInAt: string | null;
  createdAt: string;
};

export const peopleFilterSchema = z.object({
  /** part of a name or an e-mail */
  q: z.string().trim().max(320).optional(),
  groupId: z.uuid({ message: "This is not a group." }).optional(),
  role: roleSchema.optional(),
  status: z.enum(["active", "deactivated", "all"]).default("all"),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type PeopleFilter = z.infer<typeof peopleFilterSchema>;

export const newPersonSchema = z.object({
  email: emailSchema,
  name: personNameSchema,
  role: roleSchema.default("employee"),
  groupIds: z
    .array(z.uuid({ message: "This is not a group." }))
    .max(500)
    .default([]),
});
export type NewPerson = z.input<typeof newPersonSchema>;

export const personChangesSchema = z
  .object({ name: personNameSchema.optional(), role: roleSchema.optional(), active: z.boolean().optional() })
  .refine((changes) => Object.values(changes).some((value) => value !== undefined), "Say what to change: name, role or active.");
export type PersonChanges = z.infer<typeof personChangesSchema>;

const personSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  active: true,
  passwordHash: true,
  lastSignInAt: true,
  createdAt: true,
  memberships: { select: { group: { select: { id: true, name: true } } }, orderBy: { group: { name: "asc" } } },
} satisfies Prisma.UserSelect;

function toRow(user: Prisma.UserGetPayload<{ select: typeof personSelect }>): PersonRow {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    active: user.active,
    groups: user.memberships.map((m) => m.group),
    hasPassword: user.passwordHash !== null,
    lastSignInAt: user.lastSignInAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
  };
}

export async function listPeople(admin: AuthenticatedUser, filter: PeopleFilter): Promise<{ people: PersonRow[]; total: number }> {
  const where: Prisma.UserWhereInput = {
    tenantId: admin.tenantId,
    role: filter.role,
    active: filter.status === "all" ? undefined : filter.status === "active",
    memberships: filter.groupId ? { some: { groupId: filter.groupId } } : undefined,
    OR: filter.q ? [{ name: { contains: filter.q, mode: "insensitive" } }, { email: { contains: filter.q, mode: "insensitive" } }] : undefined,
  };
  return withTenant(admin.tenantId, async (tx) => {
    const [people, total] = [
      await tx.user.findMany({ where, select: personSelect, orderBy: [{ name: "asc" }, { email: "asc" }], skip: filter.offset, take: filter.limit }),
      await tx.user.count({ where }),
    ];
    return { people: people.map(toRow), total };
  });
}

/** Adds someone; they set their password with the returned one-time link (or sign in through single sign-on). */
export async function createPerson(admin: AuthenticatedUser, input: NewPerson): Promise<{ person: PersonRow; welcomePath: string }> {
  const person = valid(newPersonSchema, input, SURFACE);
  return withTenant(admin.tenantId, async (tx) => {
    if (await tx.user.findFirst({ where: { tenantId: admin.tenantId, email: person.email }, select: { id: true } })) {
      throw new LoreError("unprocessable", SURFACE, `${person.email} is already in this workspace.`);
    }
    const groups = await groupsOfWorkspace(tx, admin.tenantId, person.groupIds);
    const created = await tx.user.create({
      data: {
        tenantId: admin.tenantId,
        email: person.email,
        name: person.name,
        role: person.role,
        memberships: { create: groups.map((group) => ({ tenantId: admin.tenantId, groupId: group.id })) },
      },
      select: personSelect,
    });
    const welcomePath = await createWelcomeLink(tx, { id: admin.tenantId, slug: admin.tenantSlug }, created.id, admin.id);
    await recordActivity(tx, admin.tenantId, actorOf(admin), {
      action: "user.create",
      targetType: "user",
      targetId: created.id,
      targetLabel: created.email,
      after: { name: created.name, role: created.role, groups: groups.map((g) => g.name) },
    });
    return { person: toRow(created), welcomePath };
  });
}

/** Renames, changes the role of, deactivates or reactivates someone; deactivation ends their sessions. */
export async function updatePerson(admin: AuthenticatedUser, userId: string, input: PersonChanges): Promise<PersonRow> {
  const changes = valid(personChangesSchema, input, SURFACE);
  return withTenant(admin.tenantId, async (tx) => {
    const before = await personOrNotFound(tx, admin.tenantId, userId);
    const demotes = (changes.role !== undefined && changes.role !== "admin") || changes.active === false;
    if (before.role === "admin" && before.active && demotes) await keepAnAdmin(tx, admin, userId);
    const actor = actorOf(admin);
    const log = (entry: Parameters<typeof recordActivity>[3]) => recordActivity(tx, admin.tenantId, actor, entry);
    const target = { targetType: "user", targetId: userId, targetLabel: before.email } as const;
    if (changes.name !== undefined && changes.name !== before.name) {
      await log({ action: "user.rename", ...target, before: { name: before.name }, after: { name: changes.name } });
    }
    if (changes.role !== undefined && changes.role !== before.role) {
      await log({ action: "user.role", ...target, before: { role: before.role }, after: { role: changes.role } });
    }
    if (changes.active !== undefined && changes.active !== before.active) {
      const endedSessions = changes.active ? 0 : await revokeUserSessions(tx, userId, "deactivated");
      await log({
        action: changes.active ? "user.reactivate" : "user.deactivate",
        ...target,
        before: { active: before.active },
        after: changes.active ? { active: true } : { active: false, endedSessions },
      });
    }
    const after = await tx.user.update({ where: { id: userId }, data: changes, select: personSelect });
    return toRow(after);
  });
}

/** A new one-time link for someone to set (or reset) their password; older links stop working. */
export async function issueWelcomeLink(admin: AuthenticatedUser, userId: string): Promise<{ welcomePath: string }> {
  return withTenant(admin.tenantId, async (tx) => {
    const person = await personOrNotFound(tx, admin.tenantId, userId);
    if (!person.active) throw new LoreError("unprocessable", SURFACE, `${person.email} is deactivated: reactivate them first.`);
    const welcomePath = await createWelcomeLink(tx, { id: admin.tenantId, slug: admin.tenantSlug }, userId, admin.id);
    await recordActivity(tx, admin.tenantId, actorOf(admin), { action: "user.welcome_link", targetType: "user", targetId: userId, targetLabel: person.email });
    return { welcomePath };
  });
}

async function personOrNotFound(tx: TenantTx, tenantId: string, userId: string) {
  const person = idOk(userId)
    ? await tx.user.findFirst({ where: { id: userId, tenantId }, select: { email: true, name: true, role: true, active: true } })
    : null;
  if (!person) throw new LoreError("not_found", SURFACE, "This person is not in your workspace.");
  return person;
}

const idOk = (id: string) => z.uuid().safeParse(id).success;

/**
 * A workspace must keep an active admin, or nobody could manage it again; and admins do not demote
 * or deactivate themselves (another admin does). The admins' rows are locked first, so two admins
 * demoting each other at the same moment cannot both succeed.
 */
async function keepAnAdmin(tx: TenantTx, admin: AuthenticatedUser, userId: string): Promise<void> {
  if (userId === admin.id) throw new LoreError("unprocessable", SURFACE, "You cannot remove your own admin role or deactivate yourself; ask another admin.");
  const admins = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM users WHERE tenant_id = ${admin.tenantId}::uuid AND role = 'admin' AND active FOR UPDATE`;
  if (!admins.some((row) => row.id !== userId)) {
    throw new LoreError("unprocessable", SURFACE, "A workspace needs at least one active admin.");
  }
}

/** The named groups, all of which must be this workspace's. */
export async function groupsOfWorkspace(tx: TenantTx, tenantId: string, groupIds: readonly string[]) {
  const unique = [...new Set(groupIds)];
  const groups = unique.length ? await tx.group.findMany({ where: { tenantId, id: { in: unique } }, select: { id: true, name: true } }) : [];
  if (groups.length !== unique.length) throw new LoreError("not_found", SURFACE, "One of the groups is not in your workspace.");
  return groups;
}
