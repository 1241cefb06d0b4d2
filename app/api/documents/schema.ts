import { z } from "zod";

/** Who may read an uploaded document, as the upload form sends it (a JSON string field "readers"). */
export const readersSchema = z.union([
  z.object({ everyone: z.literal(true) }),
  z.object({
    everyone: z.literal(false),
    groupIds: z.array(z.uuid()).max(500).default([]),
    userIds: z.array(z.uuid()).max(500).default([]),
  }),
]);
