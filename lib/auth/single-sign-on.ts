import "server-only";
import { recordActivity, type Actor } from "@/lib/auth/people/activity";
import { emailSchema, groupNameSchema, personNameSchema, roleSchema } from "@/lib/auth/people/fields";
import { findTenant } from "@/lib/auth/tenants";
import { readUser, type AuthenticatedUser } from "@/lib/auth/user";
import type { OidcSettings } from "@/lib/config";
import { withTenant, type TenantTx } from "@/lib/db/tenant";
import { logger } from "@/lib/log";

/**
 * What happens when someone comes back from the company's identity provider: their e-mail domain (or
 * the issuer) picks the workspace; the first sign-in adds them to it; each sign-in applies the group
 * and role claims, so the identity provider stays the source of truth for the people who use it. An
 * unverified e-mail, an unmapped domain and a deactivated person are refused with a reason the
 * sign-in page explains. Changes are written to the admin activity log as "single sign-on".
 */
export type IdentityClaims = { subject: string; email: unknown; emailVerified: unknown; name: unknown; groups: unknown; role: unknown };

export type SingleSignOnRefusal = "sso_no_email" | "sso_unverified_email" | "sso_unmapped" | "sso_deactivated";
export type SingleSignOnResult = { ok: true; user: AuthenticatedUser } | { ok: false; reason: SingleSignOnRefusal };

const ACTOR: Actor = { userId: null, label: "single sign-on" };
const MAX_GROUP_CLAIMS = 200;

export async function signInFromIdentityProvider(settings: OidcSettings, claims: IdentityClaims): Promise<SingleSignOnResult> {
  const email = emailSchema.safeParse(claims.email);
  if (!email.success) return { ok: false, reason: "sso_no_email" };
  // An address the provider has not verified could be anyone's, including an existing password user's.
  if (claims.emailVerified === false || claims.emailVerified === "false") return { ok: false, reason: "sso_unverified_email" };
  const slug = workspaceOf(email.data, settings.workspaces);
  const tenant = slug ? await findTenant({ slug }) : null;
  if (!tenant) {
    if (slug) logger().warn({ workspace: slug }, "OIDC_WORKSPACES names a workspace that does not exist");
    return { ok: false, reason: "sso_unmapped" };
  }
  return withTenant(tenant.id, async (tx) => {
    const userId = await provision(tx, tenant.id, settings.issuer, claims.subject, email.data, claims.name);
    if (!userId) return { ok: false, reason: "sso_deactivated" } as const;
    const role = roleSchema.safeParse(typeof claims.role === "string" ? claims.role.toLowerCase() : claims.role);
    if (role.success) await applyRole(tx, tenant.id, userId, role.data);
    if (Array.isArray(claims.groups)) await applyGroups(tx, tenant.id, userId, claims.groups);
    const user = await readUser(tx, tenant, { id: userId });
    if (!user) return { ok: false, reason: "sso_deactivated" } as const;
    const { passwordHash: _, ...authenticated } = user;
    return { ok: true, user: authenticated } as const;
  });
}

/** The workspace of an e-mail address: its domain's entry in OIDC_WORKSPACES, else the "*" entry. */
export function workspaceOf(email: string, workspaces: Readonly<Record<string, string>>): string | null {
  const domain = email.slice(email.lastIndexOf("@") + 1);
  return workspaces[domain] ?? workspaces["*"] ?? null;
}

// The person this identity belongs to (found by the provider's subject, else linked by e-mail, else
// added); null when they are deactivated.
async function provision(tx: TenantTx, tenantId: string, issuer: string, subject: string, email: string, rawName: unknown): Promise<string | null> {
  const identity = await tx.identity.findFirst({ where: { tenantId, issuer, subject }, select: { id: true, user: { select: { id: true, active: true } } } });
  let user = identity?.user ?? (await tx.user.findFirst({ where: { tenantId, email }, select: { id: true, active: true } }));
  if (user && !user.active) return null;
  if (!user) {
    const parsedName = personNameSchema.safeParse(rawName);
    const name = parsedName.success ? parsedName.data : email.slice(0, email.indexOf("@"));
    user = await tx.user.create({ data: { tenantId, email, name, role: "employee" }, select: { id: true, active: true } });
    await recordActivity(tx, tenantId, ACTOR, {
      action: "user.provision",
      targetType: "user",
      targetId: user.id,
      targetLabel: email,
      after: { name, role: "employee", issuer },
    });
  }
  if (identity) await tx.identity.update({ where: { id: identity.id }, data: { lastUsedAt: new Date() } });
  else await tx.identity.create({ data: { tenantId, userId: user.id, issuer, subject, lastUsedAt: new Date() } });
  return user.id;
}

async function applyRole(tx: TenantTx, tenantId: string, userId: string, role: AuthenticatedUser["role"]): Promise<void> {
  const before = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { role: true, email: true } });
  if (before.role === role) return;
  await tx.user.update({ where: { id: userId }, data: { role } });
  await recordActivity(tx, tenantId, ACTOR, {
    action: "user.role",
    targetType: "user",
    targetId: userId,
    targetLabel: before.email,
    before: { role: before.role },
    after: { role },
  });
}

// The person's groups become exactly the claimed ones; a claimed group the workspace lacks is created.
async function applyGroups(tx: TenantTx, tenantId: string, userId: string, claimed: unknown[]): Promise<void> {
  const names = [
    ...new Set(
      claimed.slice(0, MAX_GROUP_CLAIMS).flatMap((value) => {
        const parsed = groupNameSchema.safeParse(value);
        return parsed.success ? [parsed.data] : [];
      }),
    ),
  ];
  const existing = await tx.group.findMany({ where: { tenantId }, select: { id: true, name: true } });
  const byName = new Map(existing.map((g) => [g.name.toLowerCase(), g]));
  const wanted = new Map<string, { id: string; name: string }>();
  for (const name of names) {
    let group = byName.get(name.toLowerCase());
    if (!group) {
      group = await tx.group.create({ data: { tenantId, name }, select: { id: true, name: true } });
      byName.set(name.toLowerCase(), group);
      await recordActivity(tx, tenantId, ACTOR, { action: "group.create", targetType: "group", targetId: group.id, targetLabel: name, after: { name } });
    }
    wanted.set(group.id, group);
  }
  const { email } = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
  const current = await tx.groupMembership.findMany({ where: { userId }, select: { groupId: true, group: { select: { name: true } } } });
  const currentIds = new Set(current.map((m) => m.groupId));
  for (const group of wanted.values()) {
    if (currentIds.has(group.id)) continue;
    await tx.groupMembership.create({ data: { tenantId, groupId: group.id, userId } });
    await recordActivity(tx, tenantId, ACTOR, {
      action: "group.members",
      targetType: "group",
      targetId: group.id,
      targetLabel: group.name,
      after: { added: [email], removed: [] },
    });
  }
  for (const membership of current) {
    if (wanted.has(membership.groupId)) continue;
    await tx.groupMembership.delete({ where: { groupId_userId: { groupId: membership.groupId, userId } } });
    await recordActivity(tx, tenantId, ACTOR, {
      action: "group.members",
      targetType: "group",
      targetId: membership.groupId,
      targetLabel: membership.group.name,
      after: { added: [], removed: [email] },
    });
  }
}
