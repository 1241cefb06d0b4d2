import { route } from "@/lib/http";
import { reindexDocument } from "@/lib/ingest/document-actions";
import { documentRoute } from "../../schema";

/** Indexes the document's current file again: a retry after a failure or cancellation, or a fresh pass. */
export const POST = route({ ...documentRoute, cost: "expensive" }, async ({ user, params }) => {
  await reindexDocument(user, params.id);
  return Response.json({ queued: params.id }, { status: 202 });
});
