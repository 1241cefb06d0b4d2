import "server-only";
import { randomUUID } from "node:crypto";
import {
  consumeStream,
  createUIMessageStream,
  createUIMessageStreamResponse,
  streamText,
  toUIMessageStream,
  type InferUIMessageChunk,
  type LanguageModelUsage,
  type TextStreamPart,
  type ToolSet,
  type UIMessageStreamWriter,
} from "ai";
import { errorForLog, redactForStorage } from "@/lib/audit/personal-data";
import { appendDecisionRecord } from "@/lib/audit/records";
import type { AuthenticatedUser } from "@/lib/auth/user";
import { recordAnswer, recordUserMessage } from "@/lib/chat/conversations";
import { extractiveAnswer, NOTHING_FOUND } from "@/lib/chat/extractive-answer";
import { describeAnswerFailure } from "@/lib/chat/failures";
import { HANGUL, messageText, type AnswerMode, type ChatMessage, type Citation } from "@/lib/chat/messages";
import { groundedPrompt, PROMPT_VERSION } from "@/lib/chat/prompt";
import { LoreError } from "@/lib/errors";
import type { Outcome } from "@/lib/generated/prisma/enums";
import { checkPassages } from "@/lib/guardrails/check-passages";
import { checkQuestion, redactForModel, type QuestionCheck } from "@/lib/guardrails/check-question";
import { guardOutput, type OutputGuardState } from "@/lib/guardrails/output-guard";
import type { PolicyRules } from "@/lib/guardrails/policy";
import { activePolicyOf } from "@/lib/guardrails/policy-store";
import { admitRequest, recordTokenUsage } from "@/lib/guardrails/rate-limits";
import { verdictOf, type Verdict } from "@/lib/guardrails/verdicts";
import { chatModel } from "@/lib/llm/model";
import { logger } from "@/lib/log";
import { retrieve, type Retrieval, type RetrievedChunk } from "@/lib/retrieval/hybrid-search";

export type ChatTurnRequest = { conversationId: string; message: ChatMessage };

type Chunk = InferUIMessageChunk<ChatMessage>;

const EXTRACTIVE_MODEL = "extractive";

/**
 * One chat turn, top to bottom:
 *   check the question is there → load the tenant's active policy → rate and token limits (429) →
 *   store the question → input guardrails (redact, or refuse) → retrieve the passages this user may
 *   read → withhold poisoned passages → answer (the configured model, or extractively) as a stream,
 *   through the output guardrails → store the answer and write the turn's decision record.
 *
 * The record is written when the stream ends, however it ends: answered, refused, nothing found,
 * stopped by the user, or failed (a model that errors, drops the connection or times out). The
 * response keeps draining on the server after the browser goes away, so that end always comes.
 */
export async function chatTurn(user: AuthenticatedUser, request: ChatTurnRequest, signal: AbortSignal): Promise<Response> {
  const startedAt = performance.now();
  const question = messageText(request.message);
  if (!question) throw new LoreError("bad_request", "chat", "Please type a question before sending.");
  const language = HANGUL.test(question) ? "ko" : "en";
  const policy = await activePolicyOf(user.tenantId);
  await admitRequest(user, policy.rules.limits);
  const input = checkQuestion(policy.rules, question, language);
  const history = await recordUserMessage(user, request.conversationId, storableMessage(request.message, policy.rules));

  const decisionId = randomUUID();
  const model = chatModel();
  const turn: TurnState = { input, retrieval: null, passageVerdicts: [], mode: model ? "llm" : "extractive", usage: null, failure: null, output: { verdicts: [], withheld: false }, sourceCount: 0 };

  const stream = createUIMessageStream<ChatMessage>({
    execute: async ({ writer }) => {
      const start = (mode: AnswerMode, refused = false) =>
        writer.write({ type: "start", messageId: randomUUID(), messageMetadata: { decisionId, mode, model: mode === "llm" && model ? model.name : EXTRACTIVE_MODEL, ...(refused ? { refused } : {}) } });
      if (input.refusal) {
        turn.mode = "extractive";
        start("extractive", true);
        writeText(writer, input.refusal.message);
        writer.setOutcome({ status: "completed" });
        return;
      }
      turn.retrieval = await retrieve(user, input.text);
      const passages = checkPassages(policy.rules, turn.retrieval.chunks);
      turn.passageVerdicts = passages.verdicts;
      const sources = passages.usable;
      turn.sourceCount = sources.length;
      const scope = policy.rules.outOfScope;
      if (sources.length === 0 && scope.enabled) turn.passageVerdicts.push(verdictOf("out_of_scope", "out_of_scope", scope, []));
      const outOfScope = sources.length === 0 && scope.enabled && scope.action === "block" && !scope.shadow;
      // With nothing to ground an answer in, the model is not asked: it could only guess.
      if (!model || outOfScope) turn.mode = "extractive";
      start(turn.mode);
      if (outOfScope) {
        writeText(writer, NOTHING_FOUND[language]);
        writer.setOutcome({ status: "completed" });
        return;
      }
      const guard = guardOutput(policy.rules, { passages: sources.map((s) => s.content), language, checkGrounding: turn.mode === "llm" }, turn.output);
      if (turn.mode === "extractive" || !model) {
        const answer = extractiveAnswer(input.text, sources);
        writeCitations(writer, answer.cited);
        writer.merge(textStream(answer.paragraphs.join("\n\n")).pipeThrough(guard));
        writer.setOutcome({ status: "completed" });
        return;
      }
      writeCitations(writer, sources);
      const prompt = groundedPrompt(
        input.text,
        history.map((t) => ({ ...t, text: t.role === "user" ? redactForModel(policy.rules, t.text) : t.text })),
        sources,
      );
      const result = streamText({
        model: model.model,
        system: prompt.system,
        messages: prompt.messages,
        abortSignal: signal,
        timeout: { totalMs: model.timeoutMs, chunkMs: Math.min(model.timeoutMs, 30_000) },
        maxRetries: 1,
        onError: ({ error }) => {
          turn.failure = error;
          writer.setOutcome({ status: "failed", error });
        },
        onEnd: () => writer.setOutcome({ status: "completed" }),
      });
      writer.merge(
        toUIMessageStream<ToolSet, ChatMessage>({
          stream: result.stream.pipeThrough(timeoutsAsFailures(signal, turn)),
          sendStart: false,
          onError: describeAnswerFailure,
          messageMetadata: ({ part }) => {
            if (part.type === "finish") turn.usage = part.totalUsage;
            return undefined;
          },
        }).pipeThrough(guard),
      );
    },
    onError: describeAnswerFailure,
    onEnd: async ({ responseMessage, isAborted, outcome }) => {
      const cause = outcome.status === "failed" ? outcome.error : turn.failure;
      const failure = cause === null ? null : describeAnswerFailure(cause);
      if (failure) logger().warn({ failure: errorForLog(cause), decisionId }, "chat turn failed");
      const notice = responseMessage.parts.find((p) => p.type === "data-guardrail")?.data;
      const tokens = (turn.usage?.inputTokens ?? 0) + (turn.usage?.outputTokens ?? 0);
      try {
        const stored = storableMessage(responseMessage, policy.rules);
        await recordAnswer(user, request.conversationId, { ...stored, metadata: { ...responseMessage.metadata, decisionId } }, decisionId);
        await appendDecisionRecord({
          id: decisionId,
          tenantId: user.tenantId,
          userId: user.id,
          userEmail: user.email,
          conversationId: request.conversationId,
          question: redactForStorage(input.text, policy.rules),
          // A withheld answer's text was never shown; the record keeps what the reader was told.
          answer: turn.output.withheld && notice ? notice.message : answerText(stored),
          outcome: outcomeOf(turn, isAborted, failure),
          mode: turn.mode,
          model: turn.mode === "llm" && model ? model.name : EXTRACTIVE_MODEL,
          promptVersion: turn.mode === "llm" ? PROMPT_VERSION : EXTRACTIVE_MODEL,
          policyVersion: policy.version,
          retrieved: (turn.retrieval?.chunks ?? []).map(({ chunkId, documentId, documentTitle, score, rank }) => ({
            chunkId,
            documentId,
            documentTitle,
            score: Math.round(score * 1e6) / 1e6,
            rank,
          })),
          withheld: turn.retrieval?.withheld ?? [],
          verdicts: [...input.verdicts, ...turn.passageVerdicts, ...turn.output.verdicts],
          tokensIn: turn.usage?.inputTokens ?? 0,
          tokensOut: turn.usage?.outputTokens ?? 0,
          latencyMs: Math.round(performance.now() - startedAt),
          error: failure,
        });
        await recordTokenUsage(user, tokens);
      } catch (error) {
        logger().error({ failure: errorForLog(error), decisionId }, "could not store the chat turn's answer or decision record");
      }
    },
  });
  return createUIMessageStreamResponse({ stream, consumeSseStream: consumeStream });
}

type TurnState = {
  input: QuestionCheck;
  retrieval: Retrieval | null;
  passageVerdicts: Verdict[];
  mode: AnswerMode;
  usage: LanguageModelUsage | null;
  failure: unknown;
  output: OutputGuardState;
  /** passages the answer could use: retrieved, readable and not withheld by a guardrail */
  sourceCount: number;
};

function outcomeOf(turn: TurnState, isAborted: boolean, failure: string | null): Outcome {
  if (failure) return "error";
  if (isAborted) return "aborted";
  if (turn.input.refusal || turn.output.withheld) return "blocked";
  if (!turn.retrieval) return "error";
  // Without sources an extractive answer can only say it found nothing; a model (out-of-scope rule off) still answers.
  return turn.sourceCount === 0 && turn.mode === "extractive" ? "no_answer" : "answered";
}

/**
 * streamText reports its own timeout as an abort, the same part a user's stop produces. An abort
 * the user did not ask for is a model that took too long: it is passed on as an error, so the reader
 * sees why the answer ended and the record says "error", not "aborted".
 */
function timeoutsAsFailures(userSignal: AbortSignal, turn: TurnState) {
  return new TransformStream<TextStreamPart<ToolSet>, TextStreamPart<ToolSet>>({
    transform(part, controller) {
      if (part.type === "abort" && !userSignal.aborted) {
        const error = Object.assign(new Error("The language model did not answer in time"), { name: "TimeoutError" });
        turn.failure = error;
        controller.enqueue({ type: "error", error });
        return;
      }
      controller.enqueue(part);
    },
  });
}

function writeCitations(writer: UIMessageStreamWriter<ChatMessage>, chunks: RetrievedChunk[]): void {
  const citations: Citation[] = chunks.map((c, i) => ({
    n: i + 1,
    chunkId: c.chunkId,
    documentId: c.documentId,
    documentTitle: c.documentTitle,
    headingPath: c.headingPath,
    page: c.page,
  }));
  writer.write({ type: "data-citations", id: "citations", data: citations });
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

function writeText(writer: UIMessageStreamWriter<ChatMessage>, text: string): void {
  writer.merge(textStream(text));
}

/** A message as it is stored: its text with personal data redacted (see lib/audit/personal-data.ts). */
function storableMessage(message: ChatMessage, rules: PolicyRules): ChatMessage {
  return {
    ...message,
    parts: message.parts.map((part) => (part.type === "text" || part.type === "reasoning" ? { ...part, text: redactForStorage(part.text, rules) } : part)),
  };
}

function answerText(message: ChatMessage): string {
  return message.parts.map((p) => (p.type === "text" ? p.text : "")).join("");
}
