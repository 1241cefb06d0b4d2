import { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import { deleteConversation, renameConversation } from "@/lib/chat/conversation-list";
import { LoreError } from "@/lib/errors";
import { handleRoute, parseJsonBody } from "@/lib/http";
import { renameSchema } from "../schema";

type Context = { params: Promise<{ id: string }> };

// A malformed id names no conversation of this user: the same "not found" as another user's.
async function conversationId(context: Context): Promise<string> {
  const { id } = await context.params;
  if (!z.uuid().safeParse(id).success) throw new LoreError("not_found", "conversations", "This conversation does not exist.");
  return id;
}

export const PATCH = handleRoute("conversations", async (request: Request, context: Context) => {
  const user = await requireUser("conversations");
  const id = await conversationId(context);
  const { title } = await parseJsonBody(request, renameSchema, "conversations");
  return Response.json({ conversation: await renameConversation(user, id, title) });
});

export const DELETE = handleRoute("conversations", async (_request: Request, context: Context) => {
  const user = await requireUser("conversations");
  await deleteConversation(user, await conversationId(context));
  return new Response(null, { status: 204 });
});
