import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { randomUUID } from "node:crypto";
import { Chat } from "@/components/chat/chat";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("meta"))("chat") };
}

export default function NewChatPage() {
  // A fresh id per visit: the conversation is created under it when the first question is sent.
  return <Chat key="new" conversationId={randomUUID()} initialMessages={[]} isNew />;
}
