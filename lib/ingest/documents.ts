import "server-only";
import { readersOf } from "@/lib/auth/principals";
import type { AuthenticatedUser } from "@/lib/auth/user";
import { withTenant } from "@/lib/db/tenant";
import { switchProgress } from "@/lib/ingest/embedder-switch";

/**
 * The tenant's documents for the admin page, newest first: their readers (ids, to edit them, and
 * names, to show them), their status, and the progress of their latest indexing.
 */
async function listDocuments(user: AuthenticatedUser) {
  return withTenant(user.tenantId, async (tx) => {
    const documents = await tx.document.findMany({
      where: { tenantId: user.tenantId },
      orderBy: { createdAt: "desc" },
      include: { jobs: { where: { kind: "index" }, orderBy: { createdAt: "desc" }, take: 1 } },
    });
    const groups = new Map((await tx.group.findMany({ where: { tenantId: user.tenantId } })).map((g) => [g.id, g.name]));
    const people = new Map((await tx.user.findMany({ where: { tenantId: user.tenantId } })).map((u) => [u.id, u.name]));
    return documents.map((d) => {
      const readers = readersOf(d.acl);
      const job = d.jobs[0];
      return {
        id: d.id,
        title: d.title,
        fileName: d.fileName,
        sizeBytes: d.sizeBytes,
        status: d.status,
        error: d.error,
        chunkCount: d.chunkCount,
        createdAt: d.createdAt.toISOString(),
        updatedAt: d.updatedAt.toISOString(),
        indexing: job ? { status: job.status, progress: job.progress, stage: job.stage, retryReason: job.status === "queued" ? job.error : null } : null,
        readers: readers.everyone
          ? { everyone: true as const, groupIds: [], userIds: [], names: [] }
          : {
              everyone: false as const,
              groupIds: readers.groupIds,
              userIds: readers.userIds,
              names: [
                ...readers.groupIds.map((id) => `${groups.get(id) ?? "unknown group"} (group)`),
                ...readers.userIds.map((id) => people.get(id) ?? "unknown person"),
              ],
            },
      };
    });
  });
}

export type DocumentRow = Awaited<ReturnType<typeof listDocuments>>[number];

/** What the documents page polls: the documents, and how far an embedder switch is for this tenant. */
export async function documentsOverview(user: AuthenticatedUser) {
  return { documents: await listDocuments(user), embeddings: await switchProgress(user.tenantId) };
}

export type DocumentsOverview = Awaited<ReturnType<typeof documentsOverview>>;

/** Groups and people of the tenant, for choosing a document's readers. */
export async function listPrincipals(user: AuthenticatedUser) {
  return withTenant(user.tenantId, async (tx) => ({
    groups: await tx.group.findMany({ where: { tenantId: user.tenantId }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    users: await tx.user.findMany({
      where: { tenantId: user.tenantId, active: true },
      orderBy: { name: "asc" },
      select: { id: true, name: true, email: true },
    }),
  }));
}
