import { requireUser } from "@/lib/auth/session";
import { LoreError } from "@/lib/errors";
import { handleRoute } from "@/lib/http";
import { documentsOverview } from "@/lib/ingest/documents";
import { acceptUploads } from "@/lib/ingest/upload";
import { readersSchema } from "./schema";
import { readUploadForm } from "./upload-form";

const SURFACE = "documents";

export const GET = handleRoute(SURFACE, async () => {
  const user = await requireUser(SURFACE, ["admin"]);
  return Response.json(await documentsOverview(user));
});

/**
 * Uploads one or more files ("file" fields), readable by "readers" (JSON), with an optional "title"
 * for a single file. Answers 202 at once with the documents queued for indexing, which the worker
 * then parses, chunks and embeds; GET shows their progress. A file that is too large (413), of an
 * unsupported or disguised type (415) or empty (422) refuses the upload, and nothing is stored.
 */
export const POST = handleRoute(SURFACE, async (request: Request) => {
  const user = await requireUser(SURFACE, ["admin"]);
  const { files, form } = await readUploadForm(request, SURFACE);
  const readers = readersSchema.safeParse(parseJson(String(form.get("readers") ?? '{"everyone":true}')));
  if (!readers.success) throw new LoreError("bad_request", SURFACE, "The readers of the document are not valid.");
  const title = form.get("title");
  const result = await acceptUploads(user, { files, title: typeof title === "string" ? title : undefined, readers: readers.data });
  return Response.json(result, { status: result.documents.length > 0 ? 202 : 200 });
});

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
