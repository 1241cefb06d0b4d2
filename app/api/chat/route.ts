import { requireUser } from "@/lib/auth/session";
import { chatTurn } from "@/lib/chat/turn";
import { handleRoute, parseJsonBody } from "@/lib/http";
import { chatRequestSchema } from "./schema";

export const POST = handleRoute("chat", async (request: Request) => {
  const user = await requireUser("chat");
  const body = await parseJsonBody(request, chatRequestSchema, "chat");
  return chatTurn(user, { conversationId: body.id, message: body.message }, request.signal);
});
