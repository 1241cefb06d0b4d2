import { requireUser } from "@/lib/auth/session";
import { config } from "@/lib/config";
import { LoreError } from "@/lib/errors";
import { handleRoute } from "@/lib/http";
import { listDocuments } from "@/lib/ingest/documents";
import { uploadDocument } from "@/lib/ingest/upload";
import { readersSchema } from "./schema";

const SURFACE = "documents";
// Room for the multipart envelope around the file itself.
const MULTIPART_OVERHEAD = 64 * 1024;

export const GET = handleRoute(SURFACE, async () => {
  const user = await requireUser(SURFACE, ["admin"]);
  return Response.json({ documents: await listDocuments(user) });
});

export const POST = handleRoute(SURFACE, async (request: Request) => {
  const user = await requireUser(SURFACE, ["admin"]);
  // Refused before the body is read: an oversized upload must not be buffered to find out.
  const declared = Number(request.headers.get("content-length") ?? "0");
  const limit = config().maxUploadBytes;
  if (declared > limit + MULTIPART_OVERHEAD) {
    throw new LoreError("payload_too_large", SURFACE, `The upload is ${(declared / 1024 / 1024).toFixed(1)} MB; the limit is ${(limit / 1024 / 1024).toFixed(1)} MB per file.`);
  }
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new LoreError("bad_request", SURFACE, "Send the document as multipart/form-data with a \"file\" field.");
  }
  const file = form.get("file");
  if (!(file instanceof File)) throw new LoreError("bad_request", SURFACE, "Choose a file to upload.");
  const readers = readersSchema.safeParse(parseJson(String(form.get("readers") ?? '{"everyone":true}')));
  if (!readers.success) throw new LoreError("bad_request", SURFACE, "The readers of the document are not valid.");
  const title = form.get("title");
  const document = await uploadDocument(user, {
    fileName: file.name,
    bytes: new Uint8Array(await file.arrayBuffer()),
    title: typeof title === "string" ? title : undefined,
    readers: readers.data,
  });
  return Response.json({ document: { id: document.id, title: document.title, status: document.status, chunkCount: document.chunkCount } }, { status: 201 });
});

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
