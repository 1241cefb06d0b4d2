import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { randomUUID } from "node:crypto";
import { Chat } from "@/components/chat/chat";
import { pageUser } from "@/lib/auth/page-access";
import { starterTopics } from "@/lib/chat/document-view";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("meta"))("chat") };
}

export default async function NewChatPage() {
  const starters = await starterTopics(await pageUser());
  // A fresh id per visit: the conversation is created under it when the first question is sent.
  const conversationId = randomUUID();
  return <Chat key={conversationId} conversationId={conversationId} initialMessages={[]} isNew feedback={{}} starters={starters} />;
}
