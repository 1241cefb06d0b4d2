import { randomUUID } from "node:crypto";
import { Chat } from "@/components/chat/chat";

export const dynamic = "force-dynamic";

export default function NewChatPage() {
  // A fresh id per visit: the conversation is created under it when the first question is sent.
  return <Chat key="new" conversationId={randomUUID()} initialMessages={[]} isNew />;
}
