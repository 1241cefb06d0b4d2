import { jsonBody, route } from "@/lib/http";
import { changeReaders } from "@/lib/ingest/readers";
import { documentRoute } from "../../schema";
import { CHANGE_READERS_LIMIT, changeReadersSchema } from "./schema";

/** Sets who may read the document; the next question is answered under the new readers. */
export const PUT = route({ ...documentRoute, body: jsonBody(changeReadersSchema, CHANGE_READERS_LIMIT) }, async ({ user, params, body }) =>
  Response.json(await changeReaders(user, params.id, body.readers)),
);
