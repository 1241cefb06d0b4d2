import { route } from "@/lib/http";
import { deleteDocument } from "@/lib/ingest/document-actions";
import { documentRoute } from "../schema";

/** Deletes the document with its chunks, file and jobs. */
export const DELETE = route(documentRoute, async ({ user, params }) => {
  await deleteDocument(user, params.id);
  return Response.json({ deleted: params.id });
});
