"use client";

import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from "react";
import type { ConversationSummary } from "@/lib/chat/conversation-list";

type Conversations = { conversations: ConversationSummary[]; reload: () => Promise<void> };

const ConversationsContext = createContext<Conversations>({ conversations: [], reload: async () => undefined });

/**
 * The reader's conversation list, rendered by the server and then kept current in the browser: after
 * an answer, a rename or a delete only the list is fetched again, not the page, so a conversation
 * in progress is never re-mounted under the reader's hands.
 */
export function ConversationsProvider({ initial, children }: { initial: ConversationSummary[]; children: ReactNode }) {
  const [conversations, setConversations] = useState(initial);
  useEffect(() => setConversations(initial), [initial]);
  const reload = useCallback(async () => {
    const response = await fetch("/api/conversations").catch(() => null);
    if (response?.ok) setConversations(((await response.json()) as { conversations: ConversationSummary[] }).conversations);
  }, []);
  return <ConversationsContext.Provider value={{ conversations, reload }}>{children}</ConversationsContext.Provider>;
}

export function useConversations(): Conversations {
  return useContext(ConversationsContext);
}
