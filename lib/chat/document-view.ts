import "server-only";
import { principalsOf } from "@/lib/auth/principals";
import type { AuthenticatedUser } from "@/lib/auth/user";
import { withTenant } from "@/lib/db/tenant";

export type ReadableDocument = {
  id: string;
  title: string;
  fileName: string;
  updatedAt: Date;
  passages: { id: string; content: string; headingPath: string; page: number | null }[];
};

/**
 * A document as its reader may see it: its searchable passages in order, or null when it does not
 * exist in the reader's tenant or they may not read it (the same answer, so nothing leaks). The ACL
 * is checked on the document and again on every passage.
 */
export async function readableDocument(user: AuthenticatedUser, documentId: string): Promise<ReadableDocument | null> {
  const principals = principalsOf(user);
  return withTenant(user.tenantId, async (tx) => {
    const document = await tx.document.findFirst({
      where: { id: documentId, tenantId: user.tenantId, acl: { hasSome: principals } },
      select: { id: true, title: true, fileName: true, updatedAt: true, indexedGeneration: true },
    });
    if (!document) return null;
    const passages = await tx.chunk.findMany({
      where: { documentId, tenantId: user.tenantId, acl: { hasSome: principals }, generation: { lte: document.indexedGeneration } },
      orderBy: { ordinal: "asc" },
      select: { id: true, content: true, headingPath: true, page: true },
    });
    return { id: document.id, title: document.title, fileName: document.fileName, updatedAt: document.updatedAt, passages };
  });
}

/** What a first screen can suggest asking about: documents this reader may read, each with one of its sections. */
export type StarterTopic = { documentId: string; title: string; section: string | null };

export async function starterTopics(user: AuthenticatedUser, limit = 4): Promise<StarterTopic[]> {
  const principals = principalsOf(user);
  return withTenant(user.tenantId, async (tx) => {
    const documents = await tx.document.findMany({
      where: { tenantId: user.tenantId, status: "ready", acl: { hasSome: principals } },
      orderBy: { updatedAt: "desc" },
      take: limit,
      select: { id: true, title: true, indexedGeneration: true },
    });
    return Promise.all(
      documents.map(async (d) => {
        const headed = await tx.chunk.findFirst({
          where: {
            documentId: d.id,
            tenantId: user.tenantId,
            acl: { hasSome: principals },
            generation: { lte: d.indexedGeneration },
            headingPath: { contains: " › " },
          },
          orderBy: { ordinal: "asc" },
          select: { headingPath: true },
        });
        // The path's first heading is usually the document's own title; the next one names a section.
        const section = headed?.headingPath.split(" › ").find((h) => h !== d.title) ?? null;
        return { documentId: d.id, title: d.title, section };
      }),
    );
  });
}
