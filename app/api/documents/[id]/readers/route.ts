import { requireUser } from "@/lib/auth/session";
import { LoreError } from "@/lib/errors";
import { handleRoute, parseJsonBody } from "@/lib/http";
import { changeReaders } from "@/lib/ingest/readers";
import { documentIdSchema } from "../../schema";
import { changeReadersSchema } from "./schema";

const SURFACE = "documents";

/** Sets who may read the document; the next question is answered under the new readers. */
export const PUT = handleRoute(SURFACE, async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const user = await requireUser(SURFACE, ["admin"]);
  const id = documentIdSchema.safeParse((await context.params).id);
  if (!id.success) throw new LoreError("not_found", SURFACE, "That document does not exist.");
  const body = await parseJsonBody(request, changeReadersSchema, SURFACE);
  return Response.json(await changeReaders(user, id.data, body.readers));
});
