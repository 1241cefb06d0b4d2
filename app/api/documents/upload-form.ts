import { config } from "@/lib/config";
import { LoreError } from "@/lib/errors";
import { formBody } from "@/lib/http";
import type { IncomingFile } from "@/lib/ingest/upload";
import { megabytes } from "@/lib/ingest/upload";

// Room for the multipart envelope around the files themselves.
const MULTIPART_OVERHEAD = 64 * 1024;
export const MAX_FILES_PER_UPLOAD = 20;

/**
 * A multipart upload of at most the configured size per request (the documents page sends each file
 * in a request of its own). A body declared larger is refused before it is read, one that turns out
 * larger as soon as the limit is passed: an oversized upload is never buffered to find out.
 */
export const uploadBody = formBody(() => {
  const limit = config().maxUploadBytes;
  return {
    maxBytes: limit + MULTIPART_OVERHEAD,
    refusal: (declared) =>
      declared === null
        ? `The upload is larger than the limit of ${megabytes(limit)}.`
        : `The upload is ${megabytes(declared)}; the limit is ${megabytes(limit)} per upload.`,
  };
});

/** The files of an upload ("file" fields). */
export async function uploadedFiles(form: FormData, surface: string): Promise<IncomingFile[]> {
  const files = form.getAll("file").filter((value): value is File => value instanceof File && (value.size > 0 || value.name !== ""));
  if (files.length === 0) throw new LoreError("bad_request", surface, "Choose a file to upload.");
  if (files.length > MAX_FILES_PER_UPLOAD) throw new LoreError("bad_request", surface, `Upload at most ${MAX_FILES_PER_UPLOAD} files at once.`);
  return Promise.all(files.map(async (file) => ({ fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) })));
}
