import { hashPassword } from "@/lib/auth/password";
import { loadUser, type AuthenticatedUser } from "@/lib/auth/user";
import { database } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import type { Role } from "@/lib/generated/prisma/enums";

export const FIXTURE_PASSWORD = "correct horse battery staple";

type PersonSpec = { key: string; role: Role; groups: string[] };

/** A tenant with the named groups and people, created through the real schema; returns them as the server sees them. */
export async function createTenant(slug: string, groups: string[], people: PersonSpec[]) {
  const tenant = await database().prisma.tenant.create({ data: { slug, name: slug.toUpperCase() } });
  const passwordHash = await hashPassword(FIXTURE_PASSWORD);
  const groupIds = await withTenant(tenant.id, async (tx) => {
    const ids: Record<string, string> = {};
    for (const name of groups) ids[name] = (await tx.group.create({ data: { tenantId: tenant.id, name } })).id;
    for (const person of people) {
      const user = await tx.user.create({
        data: { tenantId: tenant.id, email: `${person.key}@${slug}.test`, name: person.key, role: person.role, passwordHash },
      });
      for (const group of person.groups) {
        await tx.groupMembership.create({ data: { tenantId: tenant.id, groupId: ids[group]!, userId: user.id } });
      }
    }
    return ids;
  });
  const users: Record<string, AuthenticatedUser> = {};
  for (const person of people) {
    const found = await loadUser(tenant, { email: `${person.key}@${slug}.test` });
    const { passwordHash: _, ...user } = found!;
    users[person.key] = user;
  }
  return { tenant, groupIds, users };
}

export const bytes = (text: string) => new TextEncoder().encode(text);
