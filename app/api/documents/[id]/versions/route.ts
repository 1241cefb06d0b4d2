import { LoreError } from "@/lib/errors";
import { route } from "@/lib/http";
import { uploadNewVersion } from "@/lib/ingest/upload";
import { documentRoute } from "../../schema";
import { uploadBody, uploadedFiles } from "../../upload-form";

/**
 * A new version of the document (one "file" field): 202 when it is queued for indexing, 200 with
 * `unchanged: true` when its bytes are the current version's, which changes nothing.
 */
export const POST = route({ ...documentRoute, cost: "upload", body: uploadBody }, async ({ user, params, body }) => {
  const files = await uploadedFiles(body, documentRoute.surface);
  if (files.length !== 1) throw new LoreError("bad_request", documentRoute.surface, "Upload exactly one file as the new version.");
  const result = await uploadNewVersion(user, params.id, files[0]!);
  const message = result.unchanged
    ? `“${files[0]!.fileName}” is identical to the current version of “${result.title}”: nothing to do.`
    : `The new version of “${result.title}” is queued for indexing.`;
  return Response.json({ ...result, message }, { status: result.unchanged ? 200 : 202 });
});
