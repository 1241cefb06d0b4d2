import "server-only";
import { randomUUID } from "node:crypto";
import {
  readUIMessageStream,
  streamText,
  toUIMessageStream,
  type InferUIMessageChunk,
  type TextStreamPart,
  type ToolSet,
  type UIMessageStreamWriter,
} from "ai";
import { extractiveAnswer, NOTHING_FOUND } from "@/lib/chat/extractive-answer";
import { describeAnswerFailure } from "@/lib/chat/failures";
import type { AnswerMetadata, ChatData, ChatMessage, Citation } from "@/lib/chat/messages";
import { groundedPrompt, MAX_ANSWER_TOKENS, PROMPT_VERSION } from "@/lib/chat/prompt";
import type { HistoryTurn } from "@/lib/chat/conversations";
import type { ChatModel } from "@/lib/llm/model";
import { guardOutput, type OutputGuardState } from "@/lib/guardrails/output-guard";
import type { PolicyRules } from "@/lib/guardrails/policy";
import type { Language } from "@/lib/guardrails/refusals";
import type { RetrievedChunk } from "@/lib/retrieval/hybrid-search";

type Chunk = InferUIMessageChunk<ChatMessage>;

export const EXTRACTIVE_MODEL = "extractive";

/** What the turn decided to answer with, before anything is streamed. */
export type AnswerPlan =
  | { kind: "refusal"; message: string }
  /** the turn failed before it could answer (retrieval did): the reader is told, the record says why */
  | { kind: "failed"; error: unknown }
  | { kind: "nothing_found" }
  | { kind: "extractive"; question: string; sources: RetrievedChunk[] }
  | { kind: "model"; model: ChatModel; question: string; history: HistoryTurn[]; sources: RetrievedChunk[] };

/** How the answer went, as the record step needs it: a plain value, complete once the stream has ended. */
export type AnswerResult = {
  /** the answer as the reader received it (parts in order), before it is redacted for storage */
  message: ChatMessage;
  mode: "llm" | "extractive";
  model: string;
  promptVersion: string;
  output: OutputGuardState;
  usage: { inputTokens: number; outputTokens: number };
  /** what broke the answer off (a failing or stalled model, an error on our side), or null */
  failure: unknown;
  aborted: boolean;
  finishReason: "stop" | "error" | "other";
  modelMs: number;
};

type AnswerContext = { decisionId: string; plan: AnswerPlan; rules: PolicyRules; language: Language; signal: AbortSignal };

/**
 * Streams the answer to the reader through the output guardrails, and returns how it went once it
 * has ended: answered, refused, nothing found, stopped by the reader, or failed. It never throws:
 * a failure is part of the result, so the turn is recorded whatever happened.
 *
 * The stream's own "finish" is held back: the turn writes it after the decision record, so a reader
 * whose answer could not be recorded is told so before the answer counts as done.
 */
export async function streamAnswer(writer: UIMessageStreamWriter<ChatMessage>, context: AnswerContext): Promise<AnswerResult> {
  const { plan } = context;
  const mode = plan.kind === "model" ? "llm" : "extractive";
  const model = plan.kind === "model" ? plan.model.name : EXTRACTIVE_MODEL;
  const output: OutputGuardState = { verdicts: [], withheld: false, checkMs: 0 };
  const started = performance.now();
  const body = answerBody(context, output);
  const start: Chunk = {
    type: "start",
    messageId: randomUUID(),
    messageMetadata: { decisionId: context.decisionId, mode, model, ...(plan.kind === "refusal" ? { refused: true } : {}) },
  };
  const [toReader, toRecord] = prepend(start, body.stream).tee();
  const assembled = lastMessage(toRecord);
  let failure: unknown = null;
  let aborted = false;
  let finishReason: AnswerResult["finishReason"] = "stop";
  const reader = toReader.getReader();
  try {
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      const chunk = next.value;
      if (chunk.type === "finish") continue;
      if (chunk.type === "abort") aborted = true;
      if (chunk.type === "error") {
        failure ??= body.failure() ?? new Error(chunk.errorText);
        finishReason = "error";
      }
      writer.write(chunk);
    }
  } catch (error) {
    // A model connection that drops mid-answer ends the stream with an exception, not an error part.
    failure ??= body.failure() ?? error;
    finishReason = "error";
    writer.write({ type: "error", errorText: describeAnswerFailure(failure) });
  }
  if (aborted && !failure) finishReason = "other";
  return {
    message: await assembled,
    mode,
    model,
    promptVersion: plan.kind === "model" ? PROMPT_VERSION : EXTRACTIVE_MODEL,
    output,
    usage: body.usage(),
    failure,
    aborted: aborted && !failure,
    finishReason,
    modelMs: Math.round(performance.now() - started),
  };
}

type AnswerBody = {
  stream: ReadableStream<Chunk>;
  usage(): AnswerResult["usage"];
  /** the error that ended a model's answer, when the stream only carried its description */
  failure(): unknown;
};

function answerBody({ plan, rules, language, signal }: AnswerContext, output: OutputGuardState): AnswerBody {
  const none = { usage: () => ({ inputTokens: 0, outputTokens: 0 }), failure: () => null };
  switch (plan.kind) {
    case "refusal":
      return { stream: textStream(plan.message), ...none };
    case "failed":
      return { stream: errorStream(describeAnswerFailure(plan.error)), usage: none.usage, failure: () => plan.error };
    case "nothing_found":
      return { stream: textStream(NOTHING_FOUND[language]), ...none };
    case "extractive": {
      const answer = extractiveAnswer(plan.question, plan.sources);
      const guard = guardOutput<AnswerMetadata, ChatData>(rules, { passages: plan.sources.map((s) => s.content), language, checkGrounding: false }, output);
      return { stream: prepend(citationsOf(answer.cited), textStream(answer.paragraphs.join("\n\n")).pipeThrough(guard)), ...none };
    }
    case "model":
      return modelAnswer(plan, rules, language, signal, output);
  }
}

function modelAnswer(
  plan: Extract<AnswerPlan, { kind: "model" }>,
  rules: PolicyRules,
  language: Language,
  signal: AbortSignal,
  output: OutputGuardState,
): AnswerBody {
  const prompt = groundedPrompt(plan.question, plan.history, plan.sources);
  // Filled by the SDK's callbacks as the model answers; read only once the stream has ended.
  let usage: AnswerResult["usage"] = { inputTokens: 0, outputTokens: 0 };
  let failure: unknown = null;
  const result = streamText({
    model: plan.model.model,
    system: prompt.system,
    messages: prompt.messages,
    abortSignal: signal,
    maxOutputTokens: MAX_ANSWER_TOKENS,
    timeout: { totalMs: plan.model.timeoutMs, chunkMs: Math.min(plan.model.timeoutMs, 30_000) },
    maxRetries: 1,
    onError: ({ error }) => {
      failure ??= error;
    },
  });
  const guard = guardOutput<AnswerMetadata, ChatData>(rules, { passages: plan.sources.map((s) => s.content), language, checkGrounding: true }, output);
  const answer = toUIMessageStream<ToolSet, ChatMessage>({
    stream: result.stream.pipeThrough(timeoutsAsFailures(signal)),
    sendStart: false,
    onError: (error) => {
      failure ??= error;
      return describeAnswerFailure(error);
    },
    messageMetadata: ({ part }) => {
      if (part.type === "finish") usage = { inputTokens: part.totalUsage.inputTokens ?? 0, outputTokens: part.totalUsage.outputTokens ?? 0 };
      return undefined;
    },
  }).pipeThrough(guard);
  return { stream: prepend(citationsOf(plan.sources), answer), usage: () => usage, failure: () => failure };
}

/**
 * streamText reports its own timeout as an abort, the same part a user's stop produces. An abort
 * the user did not ask for is a model that took too long: it is passed on as an error, so the reader
 * sees why the answer ended and the record says "error", not "aborted".
 */
function timeoutsAsFailures(userSignal: AbortSignal) {
  return new TransformStream<TextStreamPart<ToolSet>, TextStreamPart<ToolSet>>({
    transform(part, controller) {
      if (part.type === "abort" && !userSignal.aborted) {
        controller.enqueue({ type: "error", error: Object.assign(new Error("The language model did not answer in time"), { name: "TimeoutError" }) });
        return;
      }
      controller.enqueue(part);
    },
  });
}

function citationsOf(chunks: RetrievedChunk[]): Chunk {
  const citations: Citation[] = chunks.map((c, i) => ({
    n: i + 1,
    chunkId: c.chunkId,
    documentId: c.documentId,
    documentTitle: c.documentTitle,
    headingPath: c.headingPath,
    page: c.page,
  }));
  return { type: "data-citations", id: "citations", data: citations };
}

/** A server-written answer as UI chunks, sentence by sentence, the way a model's would arrive. */
function textStream(text: string): ReadableStream<Chunk> {
  const id = randomUUID();
  const pieces = text.match(/[^.!?。\n]+[.!?。]*\s*|\n+/gu) ?? [text];
  return new ReadableStream<Chunk>({
    start(controller) {
      controller.enqueue({ type: "text-start", id });
      for (const delta of pieces) controller.enqueue({ type: "text-delta", id, delta });
      controller.enqueue({ type: "text-end", id });
      controller.enqueue({ type: "finish", finishReason: "stop" });
      controller.close();
    },
  });
}

function errorStream(errorText: string): ReadableStream<Chunk> {
  return new ReadableStream<Chunk>({
    start(controller) {
      controller.enqueue({ type: "error", errorText });
      controller.close();
    },
  });
}

function prepend(first: Chunk, rest: ReadableStream<Chunk>): ReadableStream<Chunk> {
  const reader = rest.getReader();
  let sentFirst = false;
  return new ReadableStream<Chunk>({
    async pull(controller) {
      if (!sentFirst) {
        sentFirst = true;
        controller.enqueue(first);
        return;
      }
      try {
        const next = await reader.read();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      } catch (error) {
        controller.error(error);
      }
    },
    cancel: (reason) => reader.cancel(reason),
  });
}

/** The answer message as the chat assembles it from the chunks (the SDK's own reader), however the stream ends. */
async function lastMessage(stream: ReadableStream<Chunk>): Promise<ChatMessage> {
  let last: ChatMessage = { id: randomUUID(), role: "assistant", parts: [] };
  try {
    for await (const message of readUIMessageStream<ChatMessage>({ stream, terminateOnError: false, onError: () => {} })) last = message;
  } catch {
    // The stream broke off; what arrived before is the answer.
  }
  return last;
}
