import "server-only";
import { auth } from "@/lib/auth/auth";
import { touchSession } from "@/lib/auth/sessions";
import { findTenant } from "@/lib/auth/tenants";
import { readUser, type AuthenticatedUser } from "@/lib/auth/user";
import { withTenant } from "@/lib/db/tenant";
import { LoreError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";

/**
 * The signed-in user, re-read from the database: a session outlives role changes, group changes and
 * deactivation, and none of those may wait for the token to expire. The session the cookie names must
 * still be live (not signed out, revoked, expired or idle). Null when there is no valid session.
 */
export async function currentUser(): Promise<AuthenticatedUser | null> {
  const session = await auth();
  const ids = session?.user;
  const sessionId = session?.sessionId;
  if (!ids?.id || !ids.tenantId || !sessionId) return null;
  const tenant = await findTenant({ id: ids.tenantId });
  if (!tenant) return null;
  const user = await withTenant(tenant.id, async (tx) =>
    (await touchSession(tx, { id: sessionId, userId: ids.id })) ? readUser(tx, tenant, { id: ids.id }) : null,
  );
  if (!user) return null;
  const { passwordHash: _, ...authenticated } = user;
  return authenticated;
}

/** For route handlers: 401 without a valid session, 403 when the role may not use this surface. */
export async function requireUser(surface: string, roles?: readonly Role[]): Promise<AuthenticatedUser> {
  const user = await currentUser();
  if (!user) throw new LoreError("unauthorized", surface, "Your session has expired or you are not signed in. Please sign in again.");
  if (roles && !roles.includes(user.role)) {
    throw new LoreError("forbidden", surface, `This needs the ${roles.join(" or ")} role.`);
  }
  return user;
}
