import "server-only";
import { createHash } from "node:crypto";
import { aclFor, type Readers } from "@/lib/auth/principals";
import type { AuthenticatedUser } from "@/lib/auth/user";
import { config } from "@/lib/config";
import { withTenant, type TenantTx } from "@/lib/db/tenant";
import { activeEmbedder } from "@/lib/embeddings/active";
import { LoreError } from "@/lib/errors";
import { chunkBlocks } from "@/lib/ingest/chunk";
import { formatOf } from "@/lib/ingest/formats";
import { insertChunks } from "@/lib/ingest/store-chunks";

export type Upload = { fileName: string; bytes: Uint8Array; title?: string; readers: Readers };

/**
 * Adds a document to the actor's tenant and indexes it: parse, chunk, embed, then write the document
 * and its chunks in one transaction, so a failure leaves nothing half-indexed. Every problem with the
 * file itself is a LoreError that says what is wrong with it.
 */
export async function uploadDocument(actor: AuthenticatedUser, upload: Upload) {
  const { maxUploadBytes } = config();
  if (upload.bytes.byteLength > maxUploadBytes) {
    throw new LoreError(
      "payload_too_large",
      "documents",
      `"${upload.fileName}" is ${megabytes(upload.bytes.byteLength)}; the limit is ${megabytes(maxUploadBytes)}.`,
    );
  }
  if (upload.bytes.byteLength === 0) throw new LoreError("unprocessable", "documents", `"${upload.fileName}" is empty.`);
  const format = formatOf(upload.fileName, upload.bytes);
  const parsed = await format.parse(upload.bytes);
  const drafts = chunkBlocks(parsed.blocks);
  if (drafts.length === 0) throw new LoreError("unprocessable", "documents", `"${upload.fileName}" contains no text to index.`);

  const title = upload.title?.trim() || parsed.title || upload.fileName.replace(/\.[^.]+$/, "");
  const embedder = activeEmbedder();
  const embeddings = await embedder.embed(drafts.map((d) => `${title}\n${d.headingPath}\n${d.content}`));

  return withTenant(actor.tenantId, async (tx) => {
    const acl = await validatedAcl(tx, actor.tenantId, upload.readers);
    const document = await tx.document.create({
      data: {
        tenantId: actor.tenantId,
        title,
        fileName: upload.fileName,
        mimeType: format.mimeType,
        sizeBytes: upload.bytes.byteLength,
        contentHash: createHash("sha256").update(upload.bytes).digest("hex"),
        acl,
        status: "ready",
        chunkCount: drafts.length,
        uploadedBy: actor.id,
      },
    });
    await insertChunks(tx, { tenantId: actor.tenantId, documentId: document.id, acl, embedderId: embedder.id }, drafts, embeddings);
    return document;
  });
}

// Group and user ids come from the browser: each must name a group or user of this tenant.
async function validatedAcl(tx: TenantTx, tenantId: string, readers: Readers): Promise<string[]> {
  if (!readers.everyone) {
    if (readers.groupIds.length + readers.userIds.length === 0) {
      throw new LoreError("bad_request", "documents", "Choose who may read the document: everyone, or at least one group or person.");
    }
    const groups = await tx.group.count({ where: { tenantId, id: { in: readers.groupIds } } });
    const users = await tx.user.count({ where: { tenantId, id: { in: readers.userIds } } });
    if (groups !== new Set(readers.groupIds).size || users !== new Set(readers.userIds).size) {
      throw new LoreError("bad_request", "documents", "Some of the chosen readers are not groups or people of this workspace.");
    }
  }
  return aclFor(readers);
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
