import { requireUser } from "@/lib/auth/session";
import { LoreError } from "@/lib/errors";
import { handleRoute } from "@/lib/http";
import { cancelIndexing } from "@/lib/ingest/document-actions";
import { documentIdSchema } from "../../schema";

const SURFACE = "documents";

/** Stops the document's queued or running indexing. */
export const POST = handleRoute(SURFACE, async (_request: Request, context: { params: Promise<{ id: string }> }) => {
  const user = await requireUser(SURFACE, ["admin"]);
  const id = documentIdSchema.safeParse((await context.params).id);
  if (!id.success) throw new LoreError("not_found", SURFACE, "That document does not exist.");
  await cancelIndexing(user, id.data);
  return Response.json({ cancelled: id.data });
});
