import "server-only";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import type { LanguageModel } from "ai";
import { config } from "@/lib/config";

/**
 * The configured chat model: any OpenAI-compatible endpoint (OpenAI, Azure OpenAI, vLLM, Ollama),
 * or null when none is configured and answers are extractive. Always an explicit provider: a bare
 * model id would route requests to a hosted gateway.
 */
export type ChatModel = { model: LanguageModel; name: string; timeoutMs: number };

export function chatModel(): ChatModel | null {
  const llm = config().llm;
  if (!llm) return null;
  const provider = createOpenAICompatible({ name: "lore-llm", baseURL: llm.baseURL, apiKey: llm.apiKey, includeUsage: true });
  return { model: provider.chatModel(llm.model), name: llm.model, timeoutMs: llm.timeoutMs };
}
