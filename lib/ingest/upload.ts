import "server-only";
import { createHash } from "node:crypto";
import type { Readers } from "@/lib/auth/principals";
import type { AuthenticatedUser } from "@/lib/auth/user";
import { config } from "@/lib/config";
import { withTenant } from "@/lib/db/tenant";
import { LoreError } from "@/lib/errors";
import { fileStem, storableFileName } from "@/lib/ingest/document-title";
import { formatOf } from "@/lib/ingest/formats";
import { cancelActiveJobs, enqueueJob, wakeIngestWorker } from "@/lib/ingest/jobs/queue";
import { drainIngestQueue } from "@/lib/ingest/jobs/worker";
import { validatedAcl } from "@/lib/ingest/readers";
import { deleteStagedChunks } from "@/lib/ingest/store-chunks";

export type IncomingFile = { fileName: string; bytes: Uint8Array };

export type QueuedDocument = { id: string; title: string; fileName: string; status: "queued" };
/** A file whose exact bytes the tenant already has: nothing was added for it. */
export type DuplicateFile = { fileName: string; documentId: string; title: string };

/**
 * Accepts uploaded files for indexing in the background: each becomes a queued document with its
 * bytes stored and an index job, and the caller answers at once. What can be known without parsing
 * (too large, unsupported type, empty, content not what its name says) refuses the whole upload
 * before anything is stored, naming the file; what parsing finds out is reported on the document.
 * A file identical to one the tenant already has (same sha256) adds nothing and is reported as such.
 */
export async function acceptUploads(
  actor: AuthenticatedUser,
  upload: { files: IncomingFile[]; title?: string; readers: Readers },
): Promise<{ documents: QueuedDocument[]; duplicates: DuplicateFile[] }> {
  if (upload.files.length === 0) throw new LoreError("bad_request", "documents", "Choose a file to upload.");
  const title = upload.title?.trim() || undefined;
  if (title && upload.files.length > 1) throw new LoreError("bad_request", "documents", "A title can only be given when uploading a single file.");
  const files: CheckedFile[] = [];
  for (const file of upload.files) files.push(await checkedFile(file));

  const result = await withTenant(actor.tenantId, async (tx) => {
    const acl = await validatedAcl(tx, actor.tenantId, upload.readers);
    const documents: QueuedDocument[] = [];
    const duplicates: DuplicateFile[] = [];
    for (const file of files) {
      const existing = await tx.document.findFirst({ where: { tenantId: actor.tenantId, contentHash: file.sha256 }, select: { id: true, title: true } });
      if (existing) {
        duplicates.push({ fileName: file.fileName, documentId: existing.id, title: existing.title });
        continue;
      }
      const document = await tx.document.create({
        data: {
          tenantId: actor.tenantId,
          title: title ?? fileStem(file.fileName),
          titleFromFile: title === undefined,
          fileName: file.fileName,
          mimeType: file.mimeType,
          sizeBytes: file.bytes.byteLength,
          contentHash: file.sha256,
          acl,
          status: "queued",
          uploadedBy: actor.id,
          file: { create: { tenantId: actor.tenantId, bytes: bytesForPrisma(file.bytes) } },
        },
      });
      await enqueueJob(tx, { tenantId: actor.tenantId, documentId: document.id, kind: "index" });
      documents.push({ id: document.id, title: document.title, fileName: document.fileName, status: "queued" });
    }
    return { documents, duplicates };
  });
  if (result.documents.length) wakeIngestWorker();
  return result;
}

/**
 * A new version of a document: its file is replaced and indexed again in the background, while
 * search keeps answering from the version indexed before until the new one is swapped in. Chunks
 * that did not change keep their vectors. The same bytes as the current version change nothing.
 */
export async function uploadNewVersion(actor: AuthenticatedUser, documentId: string, incoming: IncomingFile): Promise<{ unchanged: boolean; title: string }> {
  const file = await checkedFile(incoming);
  const result = await withTenant(actor.tenantId, async (tx) => {
    const document = await tx.document.findFirst({ where: { id: documentId, tenantId: actor.tenantId } });
    if (!document) throw new LoreError("not_found", "documents", "That document does not exist (it may have been deleted).");
    if (document.contentHash === file.sha256) return { unchanged: true, title: document.title };
    await cancelActiveJobs(tx, document.id, "index");
    await deleteStagedChunks(tx, document.id, document.indexedGeneration);
    await tx.document.update({
      where: { id: document.id },
      data: { fileName: file.fileName, mimeType: file.mimeType, sizeBytes: file.bytes.byteLength, contentHash: file.sha256, status: "queued", error: null },
    });
    await tx.documentFile.upsert({
      where: { documentId: document.id },
      create: { documentId: document.id, tenantId: actor.tenantId, bytes: bytesForPrisma(file.bytes) },
      update: { bytes: bytesForPrisma(file.bytes) },
    });
    await enqueueJob(tx, { tenantId: actor.tenantId, documentId: document.id, kind: "index" });
    return { unchanged: false, title: document.title };
  });
  if (!result.unchanged) wakeIngestWorker();
  return result;
}

/**
 * Uploads one file and indexes it before returning, through the same queue and job code as any
 * upload: for the demo seed (whose documents must be ready when the server has started) and tests.
 * A file that fails to index throws the parser's LoreError, as a refused upload does.
 */
export async function uploadDocument(actor: AuthenticatedUser, upload: IncomingFile & { title?: string; readers: Readers }) {
  const accepted = await acceptUploads(actor, { files: [upload], title: upload.title, readers: upload.readers });
  await drainIngestQueue();
  const id = accepted.documents[0]?.id ?? accepted.duplicates[0]!.documentId;
  const document = await withTenant(actor.tenantId, (tx) => tx.document.findUniqueOrThrow({ where: { id } }));
  if (document.status === "failed") throw new LoreError("unprocessable", "documents", document.error ?? `"${upload.fileName}" could not be indexed.`);
  return document;
}

type CheckedFile = IncomingFile & { mimeType: string; sha256: string };

async function checkedFile(incoming: IncomingFile): Promise<CheckedFile> {
  const file = { ...incoming, fileName: storableFileName(incoming.fileName) };
  const { maxUploadBytes } = config();
  if (file.bytes.byteLength > maxUploadBytes) {
    throw new LoreError(
      "payload_too_large",
      "documents",
      `"${file.fileName}" is ${megabytes(file.bytes.byteLength)}; the limit is ${megabytes(maxUploadBytes)}.`,
    );
  }
  const format = await formatOf(file.fileName, file.bytes);
  return { ...file, mimeType: format.mimeType, sha256: createHash("sha256").update(file.bytes).digest("hex") };
}

// Prisma's Bytes fields take a Uint8Array backed by a plain ArrayBuffer.
function bytesForPrisma(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes);
}

export function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
