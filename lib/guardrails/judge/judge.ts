import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { generateText } from "ai";
import { z } from "zod";
import type { JudgeSettings } from "@/lib/config";
import { JUDGE_PROMPT_VERSION, judgeMessages, parseJudgeAnswer, type JudgeCategory, type JudgedText } from "@/lib/guardrails/judge/prompt";

/**
 * One call to the model-backed second layer. It never throws: a timeout, an HTTP error or an answer
 * that is not the promised JSON comes back as an outcome other than "verdict", and the policy decides
 * whether that lets the text through (fail-open) or refuses it (fail-closed).
 */
export type JudgeResult = {
  outcome: "verdict" | "timeout" | "error" | "invalid";
  unsafe: boolean;
  categories: JudgeCategory[];
  confidence: number;
  personNames: string[];
  /** Which endpoint and prompt decided, what it cost and how long it took: kept in the decision record. */
  model: string;
  promptVersion: string;
  latencyMs: number;
  tokensIn: number;
  tokensOut: number;
};

export type Judge = { model: string; judge(kind: JudgedText, text: string): Promise<JudgeResult> };

/** The judge of a configuration: the chat kind asks a chat model with the judging prompt, the classifier kind a `/predict` server. */
export function createJudge(settings: JudgeSettings): Judge {
  return settings.kind === "chat" ? chatJudge(settings) : classifierJudge(settings);
}

function chatJudge(settings: JudgeSettings): Judge {
  const provider = createOpenAICompatible({ name: "lore-judge", baseURL: settings.baseURL, apiKey: settings.apiKey, includeUsage: true });
  const model = provider.chatModel(settings.model);
  return {
    model: settings.model,
    async judge(kind, text) {
      const started = performance.now();
      const base = { model: settings.model, promptVersion: JUDGE_PROMPT_VERSION };
      try {
        const { system, prompt } = judgeMessages(kind, text);
        const result = await generateText({ model, system, prompt, temperature: 0, maxRetries: 0, abortSignal: AbortSignal.timeout(settings.timeoutMs) });
        const usage = { tokensIn: result.usage.inputTokens ?? 0, tokensOut: result.usage.outputTokens ?? 0 };
        const answer = parseJudgeAnswer(result.text);
        if (!answer) return failed("invalid", base, started, usage);
        return {
          ...base,
          ...usage,
          outcome: "verdict",
          unsafe: answer.unsafe,
          categories: answer.categories,
          confidence: answer.confidence,
          personNames: answer.person_names,
          latencyMs: elapsed(started),
        };
      } catch (error) {
        return failed(isTimeout(error) ? "timeout" : "error", base, started);
      }
    },
  };
}

// Text-classification servers (Hugging Face text-embeddings-inference and compatible ones) answer
// POST /predict {"inputs": text} with the labels and their scores.
const predictionsSchema = z.array(z.object({ label: z.string(), score: z.number().min(0).max(1) })).min(1);

function classifierJudge(settings: JudgeSettings): Judge {
  const url = `${settings.baseURL.replace(/\/+$/, "")}/predict`;
  return {
    model: settings.model,
    async judge(_kind, text) {
      const started = performance.now();
      const base = { model: settings.model, promptVersion: "classifier" };
      try {
        const response = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json", ...(settings.apiKey ? { authorization: `Bearer ${settings.apiKey}` } : {}) },
          body: JSON.stringify({ inputs: text, truncate: true }),
          signal: AbortSignal.timeout(settings.timeoutMs),
        });
        if (!response.ok) return failed("error", base, started);
        const body: unknown = await response.json().catch(() => null);
        // Some servers nest the list once per input.
        const parsed = predictionsSchema.safeParse(Array.isArray(body) && Array.isArray(body[0]) ? body[0] : body);
        if (!parsed.success) return failed("invalid", base, started);
        const top = parsed.data.reduce((best, p) => (p.score > best.score ? p : best));
        const unsafe = settings.unsafeLabels.includes(top.label.toUpperCase());
        const categories: JudgeCategory[] = unsafe
          ? [/JAILBREAK/i.test(top.label) ? "jailbreak" : /HARM/i.test(top.label) ? "harmful_request" : "prompt_injection"]
          : [];
        return {
          ...base,
          outcome: "verdict",
          unsafe,
          categories,
          confidence: top.score,
          personNames: [],
          latencyMs: elapsed(started),
          tokensIn: 0,
          tokensOut: 0,
        };
      } catch (error) {
        return failed(isTimeout(error) ? "timeout" : "error", base, started);
      }
    },
  };
}

function failed(
  outcome: JudgeResult["outcome"],
  base: { model: string; promptVersion: string },
  started: number,
  usage = { tokensIn: 0, tokensOut: 0 },
): JudgeResult {
  return { ...base, ...usage, outcome, unsafe: false, categories: [], confidence: 0, personNames: [], latencyMs: elapsed(started) };
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}

function isTimeout(error: unknown): boolean {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    if (cause.name === "TimeoutError" || cause.name === "AbortError") return true;
  }
  return false;
}
