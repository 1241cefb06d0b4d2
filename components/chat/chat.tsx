"use client";

import { useChat } from "@ai-sdk/react";
import { DefaultChatTransport } from "ai";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { CitationPanel } from "@/components/chat/citation-panel";
import { Composer } from "@/components/chat/composer";
import { MessageView } from "@/components/chat/message-view";
import type { ChatMessage, Citation } from "@/lib/chat/messages";

type Props = { conversationId: string; initialMessages: ChatMessage[]; isNew: boolean };

/** The conversation: streamed answers with citations; stop, regenerate and edit; history lives on the server. */
export function Chat({ conversationId, initialMessages, isNew }: Props) {
  const router = useRouter();
  const t = useTranslations("chat");
  const [openCitation, setOpenCitation] = useState<Citation | null>(null);
  const transport = useMemo(
    () =>
      new DefaultChatTransport<ChatMessage>({
        api: "/api/chat",
        // Only the new message travels: the server holds the conversation.
        prepareSendMessagesRequest: ({ id, messages }) => ({ body: { id, message: messages.at(-1) } }),
      }),
    [],
  );
  const { messages, sendMessage, regenerate, stop, status, error, clearError } = useChat<ChatMessage>({
    id: conversationId,
    messages: initialMessages,
    transport,
    generateId: () => crypto.randomUUID(),
    onFinish: () => {
      if (isNew) window.history.replaceState(null, "", `/c/${conversationId}`);
      router.refresh();
    },
  });
  const busy = status === "submitted" || status === "streaming";
  const lastAssistant = messages.findLast((m) => m.role === "assistant");

  return (
    <div className="flex h-full">
      <div className="flex min-w-0 flex-1 flex-col">
        <div className="min-h-0 flex-1 overflow-y-auto px-4 py-6" data-testid="messages">
          <div className="mx-auto max-w-3xl space-y-6">
            {messages.length === 0 && (
              <div className="mt-16 text-center text-slate-500">
                <h1 className="text-xl font-semibold text-slate-700">{t("emptyTitle")}</h1>
                <p className="mt-2 text-sm">{t("emptyBody")}</p>
              </div>
            )}
            {messages.map((message) => (
              <MessageView
                key={message.id}
                message={message}
                streaming={busy && message.id === messages.at(-1)?.id && message.role === "assistant"}
                isLastAnswer={!busy && message.id === lastAssistant?.id}
                onOpenCitation={setOpenCitation}
                onRegenerate={() => regenerate()}
                onEdit={busy ? undefined : (text) => sendMessage({ text, messageId: message.id })}
              />
            ))}
            {status === "submitted" && <p className="text-sm text-slate-400" role="status">{t("searching")}</p>}
            {error && <ChatError error={error} onDismiss={clearError} />}
          </div>
        </div>
        <Composer busy={busy} onSend={(text) => sendMessage({ text })} onStop={() => stop()} />
      </div>
      {openCitation && <CitationPanel citation={openCitation} onClose={() => setOpenCitation(null)} />}
    </div>
  );
}

function ChatError({ error, onDismiss }: { error: Error; onDismiss: () => void }) {
  const t = useTranslations("chat");
  const { message, code } = parseError(error);
  const expired = code?.startsWith("unauthorized");
  // Errors the interface knows are said in its language; others carry the server's own message.
  const kind = code?.split(":")[0];
  const shown = kind === "unauthorized" || kind === "rate_limited" ? t(`errors.${kind}`) : (message ?? t("genericError"));
  return (
    <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
      {shown}{" "}
      {expired ? (
        <a href="/signin" className="font-medium underline">
          {t("signInAgain")}
        </a>
      ) : (
        <button type="button" onClick={onDismiss} className="font-medium underline">
          {t("dismiss")}
        </button>
      )}
    </div>
  );
}

// The server's JSON errors ({ code, message }) arrive as the error's message text.
function parseError(error: Error): { message?: string; code?: string } {
  try {
    const body = JSON.parse(error.message) as { message?: string; code?: string };
    if (body.message) return { message: body.message, code: body.code };
  } catch {
    // not JSON: a network failure or a streamed error text
  }
  return { message: error.message || undefined };
}
