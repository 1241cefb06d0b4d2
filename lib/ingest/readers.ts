import "server-only";
import { aclFor, type Readers } from "@/lib/auth/principals";
import type { AuthenticatedUser } from "@/lib/auth/user";
import { withTenant, type TenantTx } from "@/lib/db/tenant";
import { LoreError } from "@/lib/errors";
import { setChunkAcl } from "@/lib/ingest/store-chunks";

/**
 * The ACL for chosen readers. Group and user ids come from the browser: each must name a group or an
 * active person of this tenant, checked here in the tenant's own transaction.
 */
export async function validatedAcl(tx: TenantTx, tenantId: string, readers: Readers): Promise<string[]> {
  if (!readers.everyone) {
    if (readers.groupIds.length + readers.userIds.length === 0) {
      throw new LoreError("bad_request", "documents", "Choose who may read the document: everyone, or at least one group or person.");
    }
    const groups = await tx.group.count({ where: { tenantId, id: { in: readers.groupIds } } });
    const users = await tx.user.count({ where: { tenantId, active: true, id: { in: readers.userIds } } });
    if (groups !== new Set(readers.groupIds).size || users !== new Set(readers.userIds).size) {
      throw new LoreError("bad_request", "documents", "Some of the chosen readers are not groups or people of this workspace.");
    }
  }
  return aclFor(readers);
}

/**
 * Changes who may read a document: the document's ACL and every one of its chunks' in one
 * transaction, so the very next question is answered under the new readers, with nothing re-embedded.
 */
export async function changeReaders(actor: AuthenticatedUser, documentId: string, readers: Readers): Promise<{ acl: string[] }> {
  return withTenant(actor.tenantId, async (tx) => {
    const acl = await validatedAcl(tx, actor.tenantId, readers);
    // Updating the row first locks it: chunks being written meanwhile read the ACL under the same lock.
    const { count } = await tx.document.updateMany({ where: { id: documentId, tenantId: actor.tenantId }, data: { acl } });
    if (count === 0) throw new LoreError("not_found", "documents", "That document does not exist (it may have been deleted).");
    await setChunkAcl(tx, documentId, acl);
    return { acl };
  });
}
