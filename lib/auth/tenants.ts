import "server-only";
import { systemDatabase } from "@/lib/db/system";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * The tenants directory, the one table that lives outside every tenant: looked up before anyone is
 * signed in (by workspace name at sign-in, by id from a session), and written only by the instance's
 * operator (lib/auth/workspaces.ts). lore_app can only read it, and nothing in it is secret.
 */
export async function findTenant(where: { slug: string } | { id: string }) {
  return systemDatabase("tenant-directory").prisma.tenant.findUnique({ where, select: { id: true, slug: true, name: true } });
}

/** Adds a tenant; null when the slug is taken (the unique index decides, so two concurrent adds cannot both win). */
export async function addTenant(slug: string, name: string): Promise<{ id: string; slug: string; name: string } | null> {
  try {
    return await systemDatabase("tenant-directory").prisma.tenant.create({ data: { slug, name }, select: { id: true, slug: true, name: true } });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return null;
    throw error;
  }
}

/**
 * Removes a tenant that nothing was created in yet: the undo of addTenant when a workspace's first
 * admin could not be added (their transaction rolled back, so no row names the tenant).
 */
export async function removeEmptyTenant(id: string): Promise<void> {
  await systemDatabase("tenant-directory").prisma.tenant.delete({ where: { id } });
}

export async function listTenants() {
  return systemDatabase("tenant-directory").prisma.tenant.findMany({ select: { id: true, slug: true, name: true, createdAt: true }, orderBy: { slug: "asc" } });
}
