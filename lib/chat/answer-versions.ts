import type { ChatMessage } from "@/lib/chat/messages";

/**
 * A stored conversation keeps every answer a question was given (regenerating adds one). The chat
 * shows the latest answer of each question and keeps the earlier ones as versions to switch to.
 */
export function splitVersions(messages: ChatMessage[]): { latest: ChatMessage[]; earlier: Record<string, ChatMessage[]> } {
  const latest: ChatMessage[] = [];
  const earlier: Record<string, ChatMessage[]> = {};
  let question: ChatMessage | null = null;
  for (const message of messages) {
    const previous = latest.at(-1);
    if (message.role === "assistant" && previous?.role === "assistant" && question) {
      const versions = earlier[question.id] ?? [];
      versions.push(previous);
      earlier[question.id] = versions;
      latest[latest.length - 1] = message;
      continue;
    }
    if (message.role === "user") question = message;
    latest.push(message);
  }
  return { latest, earlier };
}
