import "server-only";
import { database } from "@/lib/db/client";

/**
 * Tenants are looked up before anyone is signed in (by workspace name at sign-in, by id from a
 * session), so this is the one query that runs outside a tenant transaction; lore_app can only read
 * this table, and nothing in it is secret.
 */
export async function findTenant(where: { slug: string } | { id: string }) {
  return database().prisma.tenant.findUnique({ where, select: { id: true, slug: true, name: true } });
}
