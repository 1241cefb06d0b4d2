import { notFound } from "next/navigation";
import { z } from "zod";
import { Chat } from "@/components/chat/chat";
import { pageUser } from "@/lib/auth/page-access";
import { loadConversation } from "@/lib/chat/conversations";

export default async function ConversationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const user = await pageUser();
  const conversation = await loadConversation(user, id);
  if (!conversation) notFound();
  return <Chat key={id} conversationId={id} initialMessages={conversation.messages} isNew={false} />;
}
