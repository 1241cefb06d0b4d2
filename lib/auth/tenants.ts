import "server-only";
import { systemDatabase } from "@/lib/db/system";

/**
 * Tenants are looked up before anyone is signed in (by workspace name at sign-in, by id from a
 * session), so this is the one query that runs outside a tenant transaction; lore_app can only read
 * this table, and nothing in it is secret.
 */
export async function findTenant(where: { slug: string } | { id: string }) {
  return systemDatabase("tenant-directory").prisma.tenant.findUnique({ where, select: { id: true, slug: true, name: true } });
}
