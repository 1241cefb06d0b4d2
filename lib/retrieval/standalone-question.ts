import "server-only";
import { generateText, type LanguageModel } from "ai";
import { logger } from "@/lib/log";
import { ENGLISH_STOPWORDS, nonHangulWords } from "@/lib/text/terms";

/** A turn of the conversation so far, as the chat stores it. */
export type EarlierTurn = { role: "user" | "assistant"; text: string };

/** What retrieval searched for, for the decision record: the question itself or a rewrite of it. */
export type SearchedQuestion = { text: string; rewrittenBy: "model" | "previous_question" | null };

// A follow-up names what it adds ("And for managers?", "관리자는요?"), not what it is about: it opens
// with a word that continues the conversation, or has at most two words of content.
const FOLLOW_UP_OPENING = /^\s*(and|also|what about|how about|what if|then|그럼|그러면|그리고|또|그건|그거)(?![\p{L}\p{N}])/iu;
const FOLLOW_UP_MAX_WORDS = 2;
const HANGUL_WORD = /[\p{Script=Hangul}]+/gu;
const HISTORY_TURNS = 6;
const REWRITE_TIMEOUT_MS = 10_000;
// Long answers say little about what a follow-up refers to beyond their start.
const TURN_CHARS = 1_000;

/**
 * The question to search for. A question that stands alone is searched as it is. A short follow-up
 * ("And for managers?" after a question about vacation days) is rewritten into a standalone question:
 * by the chat model when one is configured (it sees the last turns, never the sources), else by
 * joining it to the previous question, which gives BM25 both sets of terms. A model that fails or
 * answers nothing falls back to the join.
 */
export async function standaloneQuestion(question: string, earlier: EarlierTurn[], model: LanguageModel | null): Promise<SearchedQuestion> {
  const previous = earlier.findLast((turn) => turn.role === "user")?.text;
  if (!previous || !isFollowUp(question)) return { text: question, rewrittenBy: null };
  if (model) {
    try {
      const rewritten = await rewriteWithModel(model, question, earlier.slice(-HISTORY_TURNS));
      if (rewritten) return { text: rewritten, rewrittenBy: "model" };
    } catch (error) {
      logger().warn({ err: error }, "could not rewrite a follow-up question with the model; joining it to the previous question");
    }
  }
  return { text: `${previous}\n${question}`, rewrittenBy: "previous_question" };
}

function isFollowUp(question: string): boolean {
  const contentWords = nonHangulWords(question).filter((word) => !ENGLISH_STOPWORDS.has(word)).length + (question.match(HANGUL_WORD)?.length ?? 0);
  return FOLLOW_UP_OPENING.test(question) || contentWords <= FOLLOW_UP_MAX_WORDS;
}

async function rewriteWithModel(model: LanguageModel, question: string, turns: EarlierTurn[]): Promise<string | null> {
  const { text } = await generateText({
    model,
    system:
      "Rewrite the user's last message as one standalone question that can be understood without the conversation. " +
      "Keep the user's language (Korean stays Korean). Answer with the question only.",
    prompt: `${turns.map((t) => `${t.role === "user" ? "User" : "Assistant"}: ${t.text.slice(0, TURN_CHARS)}`).join("\n")}\nUser: ${question}`,
    maxRetries: 0,
    abortSignal: AbortSignal.timeout(REWRITE_TIMEOUT_MS),
  });
  const rewritten = text.trim().split("\n")[0]?.trim() ?? "";
  return rewritten.length > 0 && rewritten.length <= 2 * (question.length + 500) ? rewritten : null;
}
