import { requireUser } from "@/lib/auth/session";
import { LoreError } from "@/lib/errors";
import { handleRoute } from "@/lib/http";
import { reindexDocument } from "@/lib/ingest/document-actions";
import { documentIdSchema } from "../../schema";

const SURFACE = "documents";

/** Indexes the document's current file again: a retry after a failure or cancellation, or a fresh pass. */
export const POST = handleRoute(SURFACE, async (_request: Request, context: { params: Promise<{ id: string }> }) => {
  const user = await requireUser(SURFACE, ["admin"]);
  const id = documentIdSchema.safeParse((await context.params).id);
  if (!id.success) throw new LoreError("not_found", SURFACE, "That document does not exist.");
  await reindexDocument(user, id.data);
  return Response.json({ queued: id.data }, { status: 202 });
});
