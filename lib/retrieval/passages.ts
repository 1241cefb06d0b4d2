import "server-only";
import { principalsOf } from "@/lib/auth/principals";
import type { AuthenticatedUser } from "@/lib/auth/user";
import { withTenant } from "@/lib/db/tenant";

/**
 * A cited passage, for the reader who opens a citation. The ACL is checked again now, not when the
 * answer was given: a passage whose document was since restricted is no longer shown.
 */
export async function readablePassage(user: AuthenticatedUser, chunkId: string) {
  return withTenant(user.tenantId, async (tx) => {
    const chunk = await tx.chunk.findFirst({
      where: { id: chunkId, tenantId: user.tenantId, acl: { hasSome: principalsOf(user) } },
      select: { id: true, content: true, headingPath: true, page: true, document: { select: { id: true, title: true, fileName: true, updatedAt: true } } },
    });
    return chunk && { chunkId: chunk.id, content: chunk.content, headingPath: chunk.headingPath, page: chunk.page, document: chunk.document };
  });
}
