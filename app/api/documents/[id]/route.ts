import { requireUser } from "@/lib/auth/session";
import { LoreError } from "@/lib/errors";
import { handleRoute } from "@/lib/http";
import { deleteDocument } from "@/lib/ingest/document-actions";
import { documentIdSchema } from "../schema";

const SURFACE = "documents";

/** Deletes the document with its chunks, file and jobs. */
export const DELETE = handleRoute(SURFACE, async (_request: Request, context: { params: Promise<{ id: string }> }) => {
  const user = await requireUser(SURFACE, ["admin"]);
  const id = documentIdSchema.safeParse((await context.params).id);
  if (!id.success) throw new LoreError("not_found", SURFACE, "That document does not exist.");
  await deleteDocument(user, id.data);
  return Response.json({ deleted: id.data });
});
