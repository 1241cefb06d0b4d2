import { z } from "zod";
import { LoreError } from "@/lib/errors";
import { route } from "@/lib/http";
import { readablePassage } from "@/lib/retrieval/passages";

// Unknown, malformed and unreadable ids look the same from outside: which passages exist is not the reader's to learn.
const NOT_FOUND = "This passage does not exist or you may not read it.";

export const GET = route({ surface: "passages", params: { id: z.uuid() }, notFound: NOT_FOUND }, async ({ user, params }) => {
  const passage = await readablePassage(user, params.id);
  if (!passage) throw new LoreError("not_found", "passages", NOT_FOUND);
  return Response.json({ passage });
});
