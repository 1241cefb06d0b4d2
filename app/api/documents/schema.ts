import { z } from "zod";

/** Who may read a document, as the upload form sends it (a JSON string field "readers") and the readers editor sends it. */
export const readersSchema = z.union([
  z.object({ everyone: z.literal(true) }),
  z.object({
    everyone: z.literal(false),
    groupIds: z.array(z.uuid()).max(500).default([]),
    userIds: z.array(z.uuid()).max(500).default([]),
  }),
]);

/** The id in /api/documents/<id>/…: anything else names no document. */
export const documentIdSchema = z.uuid();
