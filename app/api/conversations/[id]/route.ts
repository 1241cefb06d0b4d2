import { deleteConversation, renameConversation } from "@/lib/chat/conversation-list";
import { jsonBody, route } from "@/lib/http";
import { conversationRoute, RENAME_BODY_LIMIT, renameSchema } from "../schema";

export const PATCH = route({ ...conversationRoute, body: jsonBody(renameSchema, RENAME_BODY_LIMIT) }, async ({ user, params, body }) => {
  return Response.json({ conversation: await renameConversation(user, params.id, body.title) });
});

export const DELETE = route(conversationRoute, async ({ user, params }) => {
  await deleteConversation(user, params.id);
  return new Response(null, { status: 204 });
});
