import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { findTenant } from "@/lib/auth/tenants";
import { hashPassword, newPasswordProblem } from "@/lib/auth/password";
import { recordActivity } from "@/lib/auth/people/activity";
import { revokeUserSessions } from "@/lib/auth/sessions";
import { withTenant, type TenantTx } from "@/lib/db/tenant";

/**
 * One-time links with which a person sets their password: sent by an admin to someone new, or to
 * someone who forgot theirs. The admin never knows the password; only the token's hash is stored,
 * a link works once, for a week, and a newer link voids the older ones.
 */
const LINK_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

const digest = (token: string) => createHash("sha256").update(token).digest("hex");

/** In the caller's transaction: a new link for the user; the path to show the admin (once). */
export async function createWelcomeLink(
  tx: TenantTx,
  tenant: { id: string; slug: string },
  userId: string,
  createdBy: string | null,
  now = new Date(),
): Promise<string> {
  await tx.welcomeLink.updateMany({ where: { userId, usedAt: null, expiresAt: { gt: now } }, data: { expiresAt: now } });
  const token = randomBytes(32).toString("base64url");
  await tx.welcomeLink.create({
    data: { tenantId: tenant.id, userId, tokenHash: digest(token), createdBy, createdAt: now, expiresAt: new Date(now.getTime() + LINK_LIFETIME_MS) },
  });
  return `/welcome?${new URLSearchParams({ workspace: tenant.slug, token })}`;
}

type LinkHolder = { tenantId: string; userId: string; email: string; name: string };

async function usableLink(tx: TenantTx, tenantId: string, token: string, now: Date): Promise<(LinkHolder & { linkId: string }) | null> {
  const link = await tx.welcomeLink.findFirst({
    where: { tenantId, tokenHash: digest(token), usedAt: null, expiresAt: { gt: now }, user: { active: true } },
    include: { user: { select: { email: true, name: true } } },
  });
  return link && { linkId: link.id, tenantId, userId: link.userId, email: link.user.email, name: link.user.name };
}

/** Who a link is for, while it can still be used (the welcome page greets them by name). */
export async function welcomeLinkHolder(workspace: string, token: string, now = new Date()): Promise<LinkHolder | null> {
  const tenant = await findTenant({ slug: workspace });
  if (!tenant || !token) return null;
  const found = await withTenant(tenant.id, (tx) => usableLink(tx, tenant.id, token, now));
  return found && { tenantId: found.tenantId, userId: found.userId, email: found.email, name: found.name };
}

export type SetPasswordResult = { ok: true; email: string } | { ok: false; reason: "invalid_link" | "weak_password"; message: string };

/** Uses a link: sets the password, ends the person's other sessions, and logs it. */
export async function setPasswordWithLink(workspace: string, token: string, password: string, now = new Date()): Promise<SetPasswordResult> {
  const invalid: SetPasswordResult = {
    ok: false,
    reason: "invalid_link",
    message: "This link has expired or was already used. Ask your administrator for a new one.",
  };
  const tenant = await findTenant({ slug: workspace });
  if (!tenant || !token) return invalid;
  const holder = await withTenant(tenant.id, (tx) => usableLink(tx, tenant.id, token, now));
  if (!holder) return invalid;
  const problem = newPasswordProblem(password, holder.email);
  if (problem) return { ok: false, reason: "weak_password", message: problem };
  const passwordHash = await hashPassword(password);
  return withTenant(tenant.id, async (tx) => {
    // Claimed with a conditional update, so two submissions of one link cannot both succeed.
    const claimed = await tx.welcomeLink.updateMany({ where: { id: holder.linkId, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    if (claimed.count !== 1) return invalid;
    await tx.user.update({ where: { id: holder.userId }, data: { passwordHash } });
    await revokeUserSessions(tx, holder.userId, "revoked", now);
    await recordActivity(
      tx,
      tenant.id,
      { userId: holder.userId, label: holder.email },
      {
        action: "user.password_set",
        targetType: "user",
        targetId: holder.userId,
        targetLabel: holder.email,
      },
    );
    return { ok: true, email: holder.email };
  });
}
