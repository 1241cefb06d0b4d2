import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { cache } from "react";
import { z } from "zod";
import { Chat } from "@/components/chat/chat";
import { pageUser } from "@/lib/auth/page-access";
import { feedbackOn } from "@/lib/chat/answer-feedback";
import { loadConversation } from "@/lib/chat/conversations";

type Params = { params: Promise<{ id: string }> };

// One read serves both the page and its title.
const conversationOf = cache(async (id: string) => {
  if (!z.uuid().safeParse(id).success) return null;
  return loadConversation(await pageUser(), id);
});

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const conversation = await conversationOf((await params).id);
  return { title: conversation?.title ?? (await getTranslations("meta"))("conversation") };
}

export default async function ConversationPage({ params }: Params) {
  const { id } = await params;
  const conversation = await conversationOf(id);
  if (!conversation) notFound();
  const decisionIds = conversation.messages.flatMap((m) => (m.metadata?.decisionId ? [m.metadata.decisionId] : []));
  const feedback = await feedbackOn(await pageUser(), decisionIds);
  return <Chat key={id} conversationId={id} initialMessages={conversation.messages} isNew={false} feedback={feedback} starters={[]} />;
}
