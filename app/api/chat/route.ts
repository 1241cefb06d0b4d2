import { chatTurn } from "@/lib/chat/turn";
import { jsonBody, route } from "@/lib/http";
import { CHAT_BODY_LIMIT, chatRequestSchema } from "./schema";

export const POST = route({ surface: "chat", cost: "expensive", body: jsonBody(chatRequestSchema, CHAT_BODY_LIMIT) }, async ({ user, body, request }) =>
  chatTurn(user, { conversationId: body.id, message: body.message }, request.signal),
);
