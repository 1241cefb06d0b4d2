"use client";

import { useChat } from "@ai-sdk/react";
import { DefaultChatTransport } from "ai";
import { ArrowDown } from "lucide-react";
import { useTranslations } from "next-intl";
import { useCallback, useMemo, useRef, useState } from "react";
import { CitationPanel } from "@/components/chat/citation-panel";
import { useConversations } from "@/components/chat/conversations-context";
import { Composer, type ComposerHandle } from "@/components/chat/composer";
import { AnswerView, QuestionView, StoppedBeforeAnswer, type OpenCitation } from "@/components/chat/message-view";
import { StarterQuestions } from "@/components/chat/starter-questions";
import { useFollowScroll } from "@/components/chat/use-follow-scroll";
import type { GivenFeedback } from "@/lib/chat/answer-feedback";
import { splitVersions } from "@/lib/chat/answer-versions";
import type { StarterTopic } from "@/lib/chat/document-view";
import { messageText, type ChatMessage, type Citation } from "@/lib/chat/messages";

type Props = {
  conversationId: string;
  /** Every stored message, earlier answer versions included. */
  initialMessages: ChatMessage[];
  isNew: boolean;
  feedback: Record<string, GivenFeedback>;
  starters: StarterTopic[];
};

type OpenSource = { citation: Citation; answerText: string; opener: HTMLElement | null };

/**
 * The conversation: streamed answers that the view follows, stop at any stage, regenerate with the
 * earlier answers kept as versions, edit, sources in a panel; history lives on the server.
 */
export function Chat({ conversationId, initialMessages, isNew, feedback, starters }: Props) {
  const t = useTranslations("chat");
  const { reload: reloadConversations } = useConversations();
  const initial = useMemo(() => splitVersions(initialMessages), [initialMessages]);
  const [earlier, setEarlier] = useState(initial.earlier);
  const [shownVersion, setShownVersion] = useState<Record<string, number>>({});
  const [stoppedIds, setStoppedIds] = useState<Set<string>>(new Set());
  const [stoppedBeforeAnswer, setStoppedBeforeAnswer] = useState(false);
  const [source, setSource] = useState<OpenSource | null>(null);
  const composer = useRef<ComposerHandle>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  const { atEnd, scrollToEnd } = useFollowScroll(scroller, content);

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
    messages: initial.latest,
    transport,
    generateId: () => crypto.randomUUID(),
    // The page itself stays: only its address (a new conversation now has one) and the list change.
    onFinish: () => {
      if (isNew && window.location.pathname !== `/c/${conversationId}`) window.history.replaceState(null, "", `/c/${conversationId}`);
      void reloadConversations();
    },
  });
  const busy = status === "submitted" || status === "streaming";
  const last = messages.at(-1);
  const lastAssistant = messages.findLast((m) => m.role === "assistant");

  function ask(text: string) {
    setStoppedBeforeAnswer(false);
    scrollToEnd();
    void sendMessage({ text });
  }

  function stopAnswer() {
    if (status === "submitted") setStoppedBeforeAnswer(true);
    else if (last?.role === "assistant") setStoppedIds((ids) => new Set(ids).add(last.id));
    void stop();
    composer.current?.focus();
  }

  function regenerateLast() {
    const question = messages.findLast((m) => m.role === "user");
    const current = last?.role === "assistant" ? last : null;
    if (question && current) {
      setEarlier((all) => ({ ...all, [question.id]: [...(all[question.id] ?? []), current] }));
      setShownVersion(({ [question.id]: _, ...rest }) => rest);
    }
    setStoppedBeforeAnswer(false);
    scrollToEnd();
    void regenerate();
  }

  const openCitation: OpenCitation = (citation, answerText, opener) => setSource({ citation, answerText, opener });
  const closeCitation = useCallback(() => {
    setSource((open) => {
      if (open?.opener?.isConnected) open.opener.focus();
      else composer.current?.focus();
      return null;
    });
  }, []);

  return (
    <div className="flex h-full">
      <div className="relative flex min-w-0 flex-1 flex-col">
        <div ref={scroller} className="min-h-0 flex-1 overflow-y-auto px-3 py-6 sm:px-4" data-testid="messages">
          <div ref={content} className="mx-auto max-w-3xl space-y-6">
            {messages.length === 0 && <StarterQuestions topics={starters} onAsk={ask} />}
            {messages.map((message, index) => {
              if (message.role === "user") {
                return (
                  <QuestionView
                    key={message.id}
                    text={messageText(message)}
                    onEdit={busy ? undefined : (text) => void sendMessage({ text, messageId: message.id })}
                  />
                );
              }
              const question = messages[index - 1];
              const versions = [...(question ? (earlier[question.id] ?? []) : []), message];
              const streaming = busy && message.id === last?.id;
              const shown = streaming ? versions.length - 1 : Math.min(shownVersion[question?.id ?? ""] ?? versions.length - 1, versions.length - 1);
              return (
                <AnswerView
                  key={message.id}
                  versions={versions}
                  shown={shown}
                  onShow={(i) => question && setShownVersion((all) => ({ ...all, [question.id]: i }))}
                  streaming={streaming}
                  stopped={stoppedIds.has(message.id)}
                  isLastAnswer={!busy && message.id === lastAssistant?.id && message.id === last?.id}
                  feedback={feedback}
                  onOpenCitation={openCitation}
                  onRegenerate={regenerateLast}
                />
              );
            })}
            {status === "submitted" && (
              <p className="text-sm text-slate-600" role="status" data-testid="searching">
                {t("searching")}
              </p>
            )}
            {!busy && last?.role === "user" && stoppedBeforeAnswer && <StoppedBeforeAnswer onAskAgain={regenerateLast} />}
            {error && <ChatError error={error} onDismiss={clearError} />}
          </div>
        </div>
        {!atEnd && (
          <button
            type="button"
            onClick={() => scrollToEnd("smooth")}
            className="absolute bottom-24 left-1/2 flex -translate-x-1/2 items-center gap-1 rounded-full border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-800 shadow-md hover:bg-slate-100"
            data-testid="jump-to-latest"
          >
            <ArrowDown size={14} aria-hidden /> {t("jumpToLatest")}
          </button>
        )}
        <Composer ref={composer} busy={busy} onSend={ask} onStop={stopAnswer} />
      </div>
      {source && <CitationPanel key={source.citation.chunkId} citation={source.citation} answerText={source.answerText} onClose={closeCitation} />}
    </div>
  );
}

function ChatError({ error, onDismiss }: { error: Error; onDismiss: () => void }) {
  const t = useTranslations("chat");
  const { message, code } = parseError(error);
  // Errors the interface knows are said in its language; others carry the server's own message.
  const kind = code?.split(":")[0];
  const shown =
    kind === "unauthorized" || kind === "rate_limited"
      ? t(`errors.${kind}`)
      : error.name === "TypeError"
        ? t("errors.network")
        : (message ?? t("genericError"));
  return (
    <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
      {shown}{" "}
      {kind === "unauthorized" ? (
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
