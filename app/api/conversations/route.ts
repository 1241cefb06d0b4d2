import { listConversations } from "@/lib/chat/conversation-list";
import { route } from "@/lib/http";
import { conversationSearchSchema } from "./schema";

/** The signed-in user's conversations, newest first; `?q=` searches titles and messages. */
export const GET = route({ surface: "conversations", query: conversationSearchSchema }, async ({ user, query }) => {
  return Response.json({ conversations: await listConversations(user, query.q) });
});
