import { requireUser } from "@/lib/auth/session";
import { LoreError } from "@/lib/errors";
import { handleRoute } from "@/lib/http";
import { uploadNewVersion } from "@/lib/ingest/upload";
import { documentIdSchema } from "../../schema";
import { readUploadForm } from "../../upload-form";

const SURFACE = "documents";

/**
 * A new version of the document (one "file" field): 202 when it is queued for indexing, 200 with
 * `unchanged: true` when its bytes are the current version's, which changes nothing.
 */
export const POST = handleRoute(SURFACE, async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const user = await requireUser(SURFACE, ["admin"]);
  const id = documentIdSchema.safeParse((await context.params).id);
  if (!id.success) throw new LoreError("not_found", SURFACE, "That document does not exist.");
  const { files } = await readUploadForm(request, SURFACE);
  if (files.length !== 1) throw new LoreError("bad_request", SURFACE, "Upload exactly one file as the new version.");
  const result = await uploadNewVersion(user, id.data, files[0]!);
  const message = result.unchanged
    ? `“${files[0]!.fileName}” is identical to the current version of “${result.title}”: nothing to do.`
    : `The new version of “${result.title}” is queued for indexing.`;
  return Response.json({ ...result, message }, { status: result.unchanged ? 200 : 202 });
});
