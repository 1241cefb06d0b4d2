import { requireUser } from "@/lib/auth/session";
import { listConversations } from "@/lib/chat/conversation-list";
import { handleRoute } from "@/lib/http";
import { conversationSearchSchema } from "./schema";

/** The signed-in user's conversations, newest first; `?q=` searches titles and messages. */
export const GET = handleRoute("conversations", async (request: Request) => {
  const user = await requireUser("conversations");
  const { q } = conversationSearchSchema.parse({ q: new URL(request.url).searchParams.get("q") ?? "" });
  return Response.json({ conversations: await listConversations(user, q) });
});
