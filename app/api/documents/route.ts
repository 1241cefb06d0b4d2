import { LoreError } from "@/lib/errors";
import { route } from "@/lib/http";
import { documentsOverview } from "@/lib/ingest/documents";
import { acceptUploads } from "@/lib/ingest/upload";
import { cleanText } from "@/lib/text/hygiene";
import { readersSchema } from "./schema";
import { uploadBody, uploadedFiles } from "./upload-form";

const SURFACE = "documents";

export const GET = route({ surface: SURFACE, roles: ["admin"] }, async ({ user }) => Response.json(await documentsOverview(user)));

/**
 * Uploads one or more files ("file" fields), readable by "readers" (JSON), with an optional "title"
 * for a single file. Answers 202 at once with the documents queued for indexing, which the worker
 * then parses, chunks and embeds; GET shows their progress. A file that is too large (413), of an
 * unsupported or disguised type (415) or empty (422) refuses the upload, and nothing is stored.
 */
export const POST = route({ surface: SURFACE, roles: ["admin"], cost: "upload", body: uploadBody }, async ({ user, body: form }) => {
  const files = await uploadedFiles(form, SURFACE);
  const readers = readersSchema.safeParse(parseJson(String(form.get("readers") ?? '{"everyone":true}')));
  if (!readers.success) throw new LoreError("bad_request", SURFACE, "The readers of the document are not valid.");
  const title = form.get("title");
  const result = await acceptUploads(user, { files, title: typeof title === "string" ? cleanText(title) : undefined, readers: readers.data });
  return Response.json(result, { status: result.documents.length > 0 ? 202 : 200 });
});

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
