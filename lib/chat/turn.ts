import "server-only";
import { randomUUID } from "node:crypto";
import {
  consumeStream,
  createUIMessageStream,
  createUIMessageStreamResponse,
  streamText,
  toUIMessageStream,
  type LanguageModelUsage,
  type TextStreamPart,
  type ToolSet,
  type UIMessageStreamWriter,
} from "ai";
import { appendDecisionRecord } from "@/lib/audit/records";
import type { AuthenticatedUser } from "@/lib/auth/user";
import { recordAnswer, recordUserMessage, type HistoryTurn } from "@/lib/chat/conversations";
import { extractiveAnswer } from "@/lib/chat/extractive-answer";
import { describeAnswerFailure } from "@/lib/chat/failures";
import { messageText, type AnswerMode, type ChatMessage, type Citation } from "@/lib/chat/messages";
import { groundedPrompt, PROMPT_VERSION } from "@/lib/chat/prompt";
import { LoreError } from "@/lib/errors";
import type { Outcome } from "@/lib/generated/prisma/enums";
import { chatModel } from "@/lib/llm/model";
import { logger } from "@/lib/log";
import { retrieve, type Retrieval, type RetrievedChunk } from "@/lib/retrieval/hybrid-search";

export type ChatTurnRequest = { conversationId: string; message: ChatMessage };

const EXTRACTIVE_MODEL = "extractive";

/**
 * One chat turn, top to bottom: check the question → store it in the conversation → retrieve the
 * passages this user may read → answer (with the configured model, or extractively) as a UI message
 * stream → store the answer and write the turn's decision record.
 *
 * The record is written when the stream ends, however it ends: answered, nothing found, stopped by
 * the user, or failed (a model that errors, drops the connection or times out mid-answer). The
 * response keeps draining on the server after the browser goes away, so that end always comes.
 */
export async function chatTurn(user: AuthenticatedUser, request: ChatTurnRequest, signal: AbortSignal): Promise<Response> {
  const startedAt = performance.now();
  const question = messageText(request.message);
  if (!question) throw new LoreError("bad_request", "chat", "Please type a question before sending.");
  const history = await recordUserMessage(user, request.conversationId, request.message);

  const decisionId = randomUUID();
  const model = chatModel();
  const turn: TurnState = { retrieval: null, mode: model ? "llm" : "extractive", usage: null, failure: null };

  const stream = createUIMessageStream<ChatMessage>({
    execute: async ({ writer }) => {
      turn.retrieval = await retrieve(user, question);
      const { chunks } = turn.retrieval;
      // With nothing to ground an answer in, the model is not asked: it could only guess.
      if (!model || chunks.length === 0) turn.mode = "extractive";
      writer.write({
        type: "start",
        messageId: randomUUID(),
        messageMetadata: { decisionId, mode: turn.mode, model: turn.mode === "llm" && model ? model.name : EXTRACTIVE_MODEL },
      });
      if (turn.mode === "extractive" || !model) {
        const answer = extractiveAnswer(question, chunks);
        writeCitations(writer, answer.cited);
        writeText(writer, answer.paragraphs.join("\n\n"));
        writer.write({ type: "finish", finishReason: "stop" });
        writer.setOutcome({ status: "completed" });
        return;
      }
      writeCitations(writer, chunks);
      const prompt = groundedPrompt(question, history, chunks);
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
        toUIMessageStream({
          stream: result.stream.pipeThrough(timeoutsAsFailures(signal, turn)),
          sendStart: false,
          onError: describeAnswerFailure,
          messageMetadata: ({ part }) => {
            if (part.type === "finish") turn.usage = part.totalUsage;
            return undefined;
          },
        }),
      );
    },
    onError: describeAnswerFailure,
    onEnd: async ({ responseMessage, isAborted, outcome }) => {
      const answer = answerText(responseMessage);
      const cause = outcome.status === "failed" ? outcome.error : turn.failure;
      const failure = cause === null ? null : describeAnswerFailure(cause);
      if (failure) logger().warn({ err: cause, decisionId }, "chat turn failed");
      try {
        await recordAnswer(user, request.conversationId, { ...responseMessage, metadata: { ...responseMessage.metadata, decisionId } }, decisionId);
        await appendDecisionRecord({
          id: decisionId,
          tenantId: user.tenantId,
          userId: user.id,
          userEmail: user.email,
          conversationId: request.conversationId,
          question,
          answer,
          outcome: outcomeOf(turn, isAborted, failure),
          mode: turn.mode,
          model: turn.mode === "llm" && model ? model.name : EXTRACTIVE_MODEL,
          promptVersion: turn.mode === "llm" ? PROMPT_VERSION : EXTRACTIVE_MODEL,
          policyVersion: null,
          retrieved: (turn.retrieval?.chunks ?? []).map(({ chunkId, documentId, documentTitle, score, rank }) => ({
            chunkId,
            documentId,
            documentTitle,
            score: Math.round(score * 1e6) / 1e6,
            rank,
          })),
          withheld: turn.retrieval?.withheld ?? [],
          verdicts: [],
          tokensIn: turn.usage?.inputTokens ?? 0,
          tokensOut: turn.usage?.outputTokens ?? 0,
          latencyMs: Math.round(performance.now() - startedAt),
          error: failure,
        });
      } catch (error) {
        logger().error({ err: error, decisionId }, "could not store the chat turn's answer or decision record");
      }
    },
  });
  return createUIMessageStreamResponse({ stream, consumeSseStream: consumeStream });
}

type TurnState = { retrieval: Retrieval | null; mode: AnswerMode; usage: LanguageModelUsage | null; failure: unknown };

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

function outcomeOf(turn: TurnState, isAborted: boolean, failure: string | null): Outcome {
  if (failure) return "error";
  if (isAborted) return "aborted";
  if (!turn.retrieval) return "error";
  return turn.retrieval.chunks.length === 0 ? "no_answer" : "answered";
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

// Sentence by sentence, so the reader sees the answer arrive the way a model's would.
function writeText(writer: UIMessageStreamWriter<ChatMessage>, text: string): void {
  const id = randomUUID();
  writer.write({ type: "text-start", id });
  for (const piece of text.match(/[^.!?。\n]+[.!?。]*\s*|\n+/gu) ?? [text]) writer.write({ type: "text-delta", id, delta: piece });
  writer.write({ type: "text-end", id });
}

function answerText(message: ChatMessage): string {
  return message.parts.map((p) => (p.type === "text" ? p.text : "")).join("");
}
