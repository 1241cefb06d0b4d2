import "server-only";
import { randomUUID } from "node:crypto";
import { consumeStream, createUIMessageStream, createUIMessageStreamResponse } from "ai";
import { storableText } from "@/lib/audit/personal-data";
import type { StageTimings, WithheldPassage } from "@/lib/audit/records";
import type { AuthenticatedUser } from "@/lib/auth/user";
import { EXTRACTIVE_MODEL, streamAnswer, type AnswerPlan, type AnswerResult } from "@/lib/chat/answer";
import { beginTurn, type BegunTurn } from "@/lib/chat/begin-turn";
import { describeAnswerFailure } from "@/lib/chat/failures";
import { messageText, type ChatMessage } from "@/lib/chat/messages";
import { PROMPT_VERSION, turnTokenEstimate } from "@/lib/chat/prompt";
import { recordTurn, type TurnRecord } from "@/lib/chat/record-turn";
import { config } from "@/lib/config";
import { LoreError } from "@/lib/errors";
import type { Outcome } from "@/lib/generated/prisma/enums";
import { redactForModel, type QuestionCheck } from "@/lib/guardrails/check-question";
import { screenPassages, screenQuestion } from "@/lib/guardrails/judge/screen";
import type { PolicyRules } from "@/lib/guardrails/policy";
import { activePolicyOf, type ActivePolicy } from "@/lib/guardrails/policy-store";
import { languageOf, type Language } from "@/lib/guardrails/refusals";
import { verdictOf, type Verdict } from "@/lib/guardrails/verdicts";
import { chatModel, type ChatModel } from "@/lib/llm/model";
import { currentRequestId, logger } from "@/lib/log";
import { retrieve, type Retrieval, type RetrievedChunk, type SearchOptions } from "@/lib/retrieval/hybrid-search";
import { errorForLog } from "@/lib/audit/personal-data";
import { cleanText } from "@/lib/text/hygiene";

export type ChatTurnRequest = { conversationId: string; message: ChatMessage };

/**
 * One chat turn, as steps that hand each other plain values:
 *
 *   check   the question (hygiene, the active policy's input guardrails), then begin the turn in one
 *           transaction: store the question, admit it against the rate limits and reserve its token
 *           estimate, note it as pending
 *   retrieve the passages this user may read (tenant and ACL inside the SQL), and screen them for
 *           planted instructions
 *   answer  with the configured model, or extractively, streamed through the output guardrails
 *   record  in one transaction: the answer message, the decision record, the settled token usage
 *
 * Every admitted turn ends with exactly one decision record however it ends (answered, refused,
 * nothing found, stopped, failed); if its process dies first, the sweeper closes it as incomplete.
 * The response keeps draining on the server after the browser goes away, so the end always comes.
 */
export async function chatTurn(user: AuthenticatedUser, request: ChatTurnRequest, signal: AbortSignal): Promise<Response> {
  const startedAt = new Date();
  const clock = performance.now();
  // The HTTP request's id (lib/http.ts), so a record leads to the request's log lines.
  const requestId = currentRequestId() ?? null;
  const question = cleanText(messageText(request.message));
  if (!question) throw new LoreError("bad_request", "chat", "Please type a question before sending.");
  const language = languageOf(question);
  const policy = await activePolicyOf(user.tenantId);
  const model = chatModel();
  const checked = await timed(() => screenQuestion(policy.rules, question, language));
  const turn = await beginTurn(user, {
    conversationId: request.conversationId,
    message: storableMessage(request.message, policy.rules),
    limits: policy.rules.limits,
    tokenEstimate: (history) => (model && !checked.value.refusal ? turnTokenEstimate(checked.value.text, history) : 0),
    pending: {
      id: randomUUID(),
      question: storableText(checked.value.text, policy.rules),
      mode: model ? "llm" : "extractive",
      model: model?.name ?? EXTRACTIVE_MODEL,
      promptVersion: model ? PROMPT_VERSION : EXTRACTIVE_MODEL,
      policyVersion: policy.version,
      verdicts: checked.value.verdicts,
      requestId,
      startedAt,
      deadline: new Date(startedAt.getTime() + (model?.timeoutMs ?? 0) + config().audit.turnGraceMs),
    },
  });

  const stream = createUIMessageStream<ChatMessage>({
    execute: async ({ writer }) => {
      // A follow-up is searched as a standalone question, rewritten from the earlier turns (redacted as for the model).
      const earlier = turn.history.map((t) => ({ ...t, text: t.role === "user" ? redactForModel(policy.rules, t.text) : t.text }));
      const sources = checked.value.refusal ? null : await findSources(user, checked.value.text, policy.rules, { earlier, model: model?.model ?? null });
      const plan = planAnswer(checked.value, sources, model, turn, policy.rules);
      const answer = await streamAnswer(writer, { decisionId: turn.decisionId, plan, rules: policy.rules, language, signal });
      const timings: StageTimings = {
        guardrails: Math.round(checked.ms + (sources && !("failure" in sources) ? sources.screenMs : 0)),
        retrieval: sources && !("failure" in sources) ? sources.retrievalMs : 0,
        model: Math.round(answer.modelMs - answer.output.checkMs),
        outputChecks: Math.round(answer.output.checkMs),
        total: Math.round(performance.now() - clock),
      };
      const recorded = await recordTurn(user, request.conversationId, turn, turnRecord(checked.value, sources, answer, policy, timings, requestId));
      if (!recorded) writer.write({ type: "error", errorText: NOT_RECORDED[language] });
      writer.write({ type: "finish", finishReason: answer.finishReason });
    },
    onError: describeAnswerFailure,
  });
  return createUIMessageStreamResponse({ stream, consumeSseStream: consumeStream });
}

const NOT_RECORDED: Record<Language, string> = {
  en: "This answer could not be saved to the audit log, so it may not be kept in this conversation. Please ask again.",
  ko: "이 답변을 감사 기록에 저장하지 못해 대화에 남지 않을 수 있습니다. 다시 질문해 주세요.",
};

/** The passages the answer may use, or why there are none: retrieval failed. */
type Sources =
  | { retrieval: Retrieval; usable: RetrievedChunk[]; verdicts: Verdict[]; outOfScope: boolean; retrievalMs: number; screenMs: number }
  | { failure: unknown };

/** Retrieves what this user may read, then keeps out passages with planted instructions. */
async function findSources(user: AuthenticatedUser, question: string, rules: PolicyRules, conversation: SearchOptions): Promise<Sources> {
  try {
    const started = performance.now();
    const retrieval = await retrieve(user, question, conversation);
    const retrievalMs = Math.round(performance.now() - started);
    const screened = await timed(() => screenPassages(rules, retrieval.chunks));
    const { usable, verdicts } = screened.value;
    const scope = rules.outOfScope;
    const outOfScopeVerdicts = usable.length === 0 && scope.enabled ? [verdictOf("out_of_scope", "out_of_scope", scope, [])] : [];
    const outOfScope = usable.length === 0 && scope.enabled && scope.action === "block" && !scope.shadow;
    return { retrieval, usable, verdicts: [...verdicts, ...outOfScopeVerdicts], outOfScope, retrievalMs, screenMs: screened.ms };
  } catch (error) {
    logger().error({ failure: errorForLog(error) }, "chat turn: retrieval failed");
    return { failure: error };
  }
}

/** What to answer with. With nothing to ground an answer in, the model is not asked: it could only guess. */
function planAnswer(input: QuestionCheck, sources: Sources | null, model: ChatModel | null, turn: BegunTurn, rules: PolicyRules): AnswerPlan {
  if (input.refusal) return { kind: "refusal", message: input.refusal.message };
  if (!sources) throw new Error("unreachable: sources are found for every question that is not refused");
  if ("failure" in sources) return { kind: "failed", error: sources.failure };
  if (sources.outOfScope) return { kind: "nothing_found" };
  if (!model) return { kind: "extractive", question: input.text, sources: sources.usable };
  // Earlier turns are stored redacted; the policy's own redactions apply to them as to the question.
  const history = turn.history.map((t) => ({ ...t, text: t.role === "user" ? redactForModel(rules, t.text) : t.text }));
  return { kind: "model", model, question: input.text, history, sources: sources.usable };
}

/** The turn's record, from the plain results of the steps; everything text is made storable here. */
function turnRecord(
  input: QuestionCheck,
  sources: Sources | null,
  answer: AnswerResult,
  policy: ActivePolicy,
  timings: StageTimings,
  requestId: string | null,
): TurnRecord {
  const found = sources && !("failure" in sources) ? sources : null;
  const failure = answer.failure === null ? null : describeAnswerFailure(answer.failure);
  if (answer.failure !== null) logger().warn({ failure: errorForLog(answer.failure) }, "chat turn failed");
  const storable = storableMessage(answer.message, policy.rules);
  // A stopped answer stays marked so, after a reload too.
  const stored = answer.aborted ? { ...storable, metadata: { ...storable.metadata, stopped: true } } : storable;
  const notice = answer.message.parts.find((p) => p.type === "data-guardrail")?.data;
  return {
    answer: stored,
    tokensUsed: answer.usage.inputTokens + answer.usage.outputTokens,
    decision: {
      question: storableText(input.text, policy.rules),
      // A withheld answer's text was never shown; the record keeps what the reader was told, as storable as any other text.
      answer: answer.output.withheld && notice ? storableText(notice.message, policy.rules) : messageText(stored),
      outcome: outcomeOf(input, found, answer),
      mode: answer.mode,
      model: answer.model,
      promptVersion: answer.promptVersion,
      policyVersion: policy.version,
      retrieved: (found?.usable ?? []).map(({ chunkId, documentId, documentTitle, score, rank }) => ({
        chunkId,
        documentId,
        documentTitle,
        score: Math.round(score * 1e6) / 1e6,
        rank,
      })),
      withheld: found ? withheldPassages(found) : [],
      verdicts: [...input.verdicts, ...(found?.verdicts ?? []), ...answer.output.verdicts],
      tokensIn: answer.usage.inputTokens,
      tokensOut: answer.usage.outputTokens,
      latencyMs: timings.total,
      error: failure,
      requestId,
      timings,
      search: found
        ? {
            text: storableText(found.retrieval.searched.text, policy.rules),
            rewrittenBy: found.retrieval.searched.rewrittenBy,
            reranking: found.retrieval.reranking,
          }
        : null,
    },
  };
}

/** What was kept from the answer and why: the reader's access, or a guardrail (titles of the former are added when recorded). */
function withheldPassages(sources: Extract<Sources, { retrieval: Retrieval }>): WithheldPassage[] {
  const byAccess = sources.retrieval.withheld.map(({ chunkId, documentId }) => ({ chunkId, documentId, documentTitle: null, reason: "access_control" }));
  const byGuardrail = sources.retrieval.chunks
    .filter((chunk) => !sources.usable.includes(chunk))
    .map(({ chunkId, documentId, documentTitle }) => ({
      chunkId,
      documentId,
      documentTitle,
      reason: sources.verdicts.find((v) => v.chunkId === chunkId)?.check ?? "guardrail",
    }));
  return [...byAccess, ...byGuardrail];
}

function outcomeOf(input: QuestionCheck, sources: Extract<Sources, { retrieval: Retrieval }> | null, answer: AnswerResult): Outcome {
  if (answer.failure !== null) return "error";
  if (answer.aborted) return "aborted";
  if (input.refusal || answer.output.withheld) return "blocked";
  if (!sources) return "error";
  // Without sources an extractive answer can only say it found nothing; a model (out-of-scope rule off) still answers.
  return sources.usable.length === 0 && answer.mode === "extractive" ? "no_answer" : "answered";
}

/** A message as it is stored: its text cleaned and with personal data redacted (lib/audit/personal-data.ts). */
function storableMessage(message: ChatMessage, rules: PolicyRules): ChatMessage {
  return {
    ...message,
    parts: message.parts.map((part) => (part.type === "text" || part.type === "reasoning" ? { ...part, text: storableText(part.text, rules) } : part)),
  };
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}
