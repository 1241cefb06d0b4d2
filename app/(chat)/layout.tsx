import type { ReactNode } from "react";
import { ChatFrame } from "@/components/chat/chat-frame";
import { AppShell } from "@/components/ui/app-shell";
import { pageUser } from "@/lib/auth/page-access";
import { listConversations } from "@/lib/chat/conversation-list";

export default async function ChatLayout({ children }: { children: ReactNode }) {
  const user = await pageUser();
  const conversations = await listConversations(user);
  return (
    <AppShell user={user}>
      <ChatFrame conversations={conversations}>{children}</ChatFrame>
    </AppShell>
  );
}
