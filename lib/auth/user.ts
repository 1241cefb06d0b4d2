import "server-only";
import { withTenant, type TenantTx } from "@/lib/db/tenant";
import type { Role } from "@/lib/generated/prisma/enums";

/** Who is asking, as the server knows it now: read from the database on every request, never from the client. */
export type AuthenticatedUser = {
  id: string;
  tenantId: string;
  tenantSlug: string;
  tenantName: string;
  email: string;
  name: string;
  role: Role;
  groupIds: string[];
  groupNames: string[];
};

/** The user as stored, or null if they no longer exist or were deactivated. */
export async function loadUser(
  tenant: { id: string; slug: string; name: string },
  where: { id: string } | { email: string },
): Promise<(AuthenticatedUser & { passwordHash: string | null }) | null> {
  return withTenant(tenant.id, (tx) => readUser(tx, tenant, where));
}

/** loadUser inside the caller's tenant transaction. */
export async function readUser(
  tx: TenantTx,
  tenant: { id: string; slug: string; name: string },
  where: { id: string } | { email: string },
): Promise<(AuthenticatedUser & { passwordHash: string | null }) | null> {
  const user = await tx.user.findFirst({
    where: { tenantId: tenant.id, active: true, ...where },
    include: { memberships: { include: { group: true }, orderBy: { group: { name: "asc" } } } },
  });
  if (!user) return null;
  return {
    id: user.id,
    tenantId: tenant.id,
    tenantSlug: tenant.slug,
    tenantName: tenant.name,
    email: user.email,
    name: user.name,
    role: user.role,
    groupIds: user.memberships.map((m) => m.groupId),
    groupNames: user.memberships.map((m) => m.group.name),
    passwordHash: user.passwordHash,
  };
}
