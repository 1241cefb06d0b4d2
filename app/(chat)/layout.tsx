import type { ReactNode } from "react";
import { ConversationList } from "@/components/chat/conversation-list";
import { AppShell } from "@/components/ui/app-shell";
import { pageUser } from "@/lib/auth/page-access";
import { listConversations } from "@/lib/chat/conversations";

export default async function ChatLayout({ children }: { children: ReactNode }) {
  const user = await pageUser();
  const conversations = await listConversations(user);
  return (
    <AppShell user={user}>
      <div className="flex h-full">
        <ConversationList conversations={conversations.map((c) => ({ id: c.id, title: c.title }))} />
        <div className="min-w-0 flex-1">{children}</div>
      </div>
    </AppShell>
  );
}
