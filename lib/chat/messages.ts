import type { UIMessage } from "ai";
import type { GuardrailNotice } from "@/lib/guardrails/output-guard";

/** A numbered source of an answer; the passage itself is fetched (ACL-checked) when the reader opens it. */
export type Citation = {
  n: number;
  chunkId: string;
  documentId: string;
  documentTitle: string;
  headingPath: string;
  page: number | null;
};

export type AnswerMode = "extractive" | "llm";

export type AnswerMetadata = {
  decisionId?: string;
  mode?: AnswerMode;
  model?: string;
  /** The question was refused by a guardrail policy; the answer text says why. */
  refused?: boolean;
  /** The reader stopped the answer before it was complete. */
  stopped?: boolean;
  /** The answer cites a document the reader may no longer open, so its text and sources are hidden (lib/chat/unreadable-sources.ts). */
  sourcesUnreadable?: boolean;
};

export type { GuardrailNotice };

export type ChatData = { citations: Citation[]; guardrail: GuardrailNotice };

export type ChatMessage = UIMessage<AnswerMetadata, ChatData>;

/** The text a user typed: the text parts of their message, trimmed. */
export function messageText(message: Pick<ChatMessage, "parts">): string {
  return message.parts
    .map((part) => (part.type === "text" ? part.text : ""))
    .join("")
    .trim();
}

export const HANGUL = /\p{Script=Hangul}/u;
