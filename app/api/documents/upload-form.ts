import { config } from "@/lib/config";
import { LoreError } from "@/lib/errors";
import type { IncomingFile } from "@/lib/ingest/upload";
import { megabytes } from "@/lib/ingest/upload";

// Room for the multipart envelope around the files themselves.
const MULTIPART_OVERHEAD = 64 * 1024;
export const MAX_FILES_PER_UPLOAD = 20;

/**
 * The files and fields of a multipart upload. A body declared larger than the upload limit is
 * refused before it is read (an oversized upload must not be buffered to find out); the limit is per
 * request, so the documents page sends each file in a request of its own.
 */
export async function readUploadForm(request: Request, surface: string): Promise<{ files: IncomingFile[]; form: FormData }> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  const limit = config().maxUploadBytes;
  if (declared > limit + MULTIPART_OVERHEAD) {
    throw new LoreError("payload_too_large", surface, `The upload is ${megabytes(declared)}; the limit is ${megabytes(limit)} per upload.`);
  }
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new LoreError("bad_request", surface, 'Send the document as multipart/form-data with a "file" field.');
  }
  const files = form.getAll("file").filter((value): value is File => value instanceof File && (value.size > 0 || value.name !== ""));
  if (files.length === 0) throw new LoreError("bad_request", surface, "Choose a file to upload.");
  if (files.length > MAX_FILES_PER_UPLOAD) throw new LoreError("bad_request", surface, `Upload at most ${MAX_FILES_PER_UPLOAD} files at once.`);
  return { files: await Promise.all(files.map(async (file) => ({ fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }))), form };
}
