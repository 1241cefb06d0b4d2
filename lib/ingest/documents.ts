import "server-only";
import { readersOf } from "@/lib/auth/principals";
import type { AuthenticatedUser } from "@/lib/auth/user";
import { withTenant } from "@/lib/db/tenant";

/** The tenant's documents for the admin page, newest first, with their readers resolved to names. */
export async function listDocuments(user: AuthenticatedUser) {
  return withTenant(user.tenantId, async (tx) => {
    const documents = await tx.document.findMany({ where: { tenantId: user.tenantId }, orderBy: { createdAt: "desc" } });
    const groups = new Map((await tx.group.findMany({ where: { tenantId: user.tenantId } })).map((g) => [g.id, g.name]));
    const people = new Map((await tx.user.findMany({ where: { tenantId: user.tenantId } })).map((u) => [u.id, u.name]));
    return documents.map((d) => {
      const readers = readersOf(d.acl);
      return {
        id: d.id,
        title: d.title,
        fileName: d.fileName,
        sizeBytes: d.sizeBytes,
        status: d.status,
        error: d.error,
        chunkCount: d.chunkCount,
        createdAt: d.createdAt.toISOString(),
        readers: readers.everyone
          ? { everyone: true as const, names: [] }
          : {
              everyone: false as const,
              names: [...readers.groupIds.map((id) => `${groups.get(id) ?? "unknown group"} (group)`), ...readers.userIds.map((id) => people.get(id) ?? "unknown person")],
            },
      };
    });
  });
}

/** Groups and people of the tenant, for choosing a document's readers. */
export async function listPrincipals(user: AuthenticatedUser) {
  return withTenant(user.tenantId, async (tx) => ({
    groups: await tx.group.findMany({ where: { tenantId: user.tenantId }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    users: await tx.user.findMany({ where: { tenantId: user.tenantId, active: true }, orderBy: { name: "asc" }, select: { id: true, name: true, email: true } }),
  }));
}
