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

/** What every /api/documents/<id>/… route shares: admins only, and an id that is not a UUID names no document. */
export const documentRoute = {
  surface: "documents",
  roles: ["admin"],
  params: { id: z.uuid() },
  notFound: "That document does not exist.",
} as const;
