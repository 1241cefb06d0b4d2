import { route } from "@/lib/http";
import { cancelIndexing } from "@/lib/ingest/document-actions";
import { documentRoute } from "../../schema";

/** Stops the document's queued or running indexing. */
export const POST = route(documentRoute, async ({ user, params }) => {
  await cancelIndexing(user, params.id);
  return Response.json({ cancelled: params.id });
});
