import { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import { LoreError } from "@/lib/errors";
import { handleRoute } from "@/lib/http";
import { readablePassage } from "@/lib/retrieval/passages";

export const GET = handleRoute("passages", async (_request: Request, context: { params: Promise<{ id: string }> }) => {
  const user = await requireUser("passages");
  const { id } = await context.params;
  // Unknown, malformed and unreadable ids look the same from outside: which passages exist is not the reader's to learn.
  const passage = z.uuid().safeParse(id).success ? await readablePassage(user, id) : null;
  if (!passage) throw new LoreError("not_found", "passages", "This passage does not exist or you may not read it.");
  return Response.json({ passage });
});
