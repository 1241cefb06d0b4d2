import type { RetrievedChunk } from "@/lib/retrieval/hybrid-search";
import { HANGUL } from "@/lib/chat/messages";
import { hangulBigrams, nonHangulWords } from "@/lib/text/terms";
import { sentences } from "@/lib/text/tokens";

export const EXTRACTIVE_LABEL = {
  en: "No language model configured — these are the passages that best match your question.",
  ko: "언어 모델이 설정되지 않았습니다 — 질문과 가장 잘 맞는 문서 구절을 보여 드립니다.",
};

export const NOTHING_FOUND = {
  en: "I found nothing in the documents you can access that answers this question.",
  ko: "접근할 수 있는 문서에서 이 질문에 답하는 내용을 찾지 못했습니다.",
};

const PASSAGES = 3;
const SENTENCES_PER_PASSAGE = 2;
// A further passage is quoted only if it matches the question about as well as the best one does;
// otherwise a passage that shares one common word ("days") would be offered as an answer.
const RELATIVE_MATCH = 0.6;

export type ExtractiveAnswer = { paragraphs: string[]; cited: RetrievedChunk[] };

/**
 * The answer when no language model is configured: the best passages, each cut down to the
 * sentences that share the most terms with the question, quoted with their citation number.
 * It never says anything the documents do not.
 */
export function extractiveAnswer(question: string, chunks: RetrievedChunk[]): ExtractiveAnswer {
  const language = HANGUL.test(question) ? "ko" : "en";
  if (chunks.length === 0) return { paragraphs: [NOTHING_FOUND[language]], cited: [] };
  const wanted = termsOf(question);
  const candidates = chunks.slice(0, PASSAGES).map((chunk) => ({ chunk, ...bestSentences(chunk.content, wanted) }));
  const bar = RELATIVE_MATCH * Math.max(...candidates.map((c) => c.overlap));
  // The top-ranked passage is always quoted: ranking saw more than sentence overlap can.
  const chosen = candidates.filter((c, i) => i === 0 || (c.overlap > 0 && c.overlap >= bar));
  const quotes = chosen.map((c, i) => `> ${c.sentences.join(" ")} [${i + 1}]`);
  return { paragraphs: [`_${EXTRACTIVE_LABEL[language]}_`, ...quotes], cited: chosen.map((c) => c.chunk) };
}

function termsOf(text: string): Set<string> {
  // Five-letter prefixes stand in for stems: "vacations" and "vacation" share "vacat".
  return new Set([
    ...nonHangulWords(text)
      .filter((w) => w.length > 2)
      .map((w) => w.slice(0, 5)),
    ...hangulBigrams(text),
  ]);
}

/** The passage's sentences that share the most terms with the question, in their original order. */
function bestSentences(content: string, wanted: Set<string>): { sentences: string[]; overlap: number } {
  // Lines are kept apart so a heading line is not read as the start of the sentence below it.
  const all = content
    .split(/\n+/)
    .flatMap((line) => sentences(line))
    .filter(isSentence);
  const scored = all.map((sentence, index) => {
    const terms = termsOf(sentence);
    let overlap = 0;
    for (const term of wanted) if (terms.has(term)) overlap++;
    return { sentence, index, overlap };
  });
  const best = scored
    .filter((s) => s.overlap > 0)
    .sort((a, b) => b.overlap - a.overlap || a.index - b.index)
    .slice(0, SENTENCES_PER_PASSAGE)
    .sort((a, b) => a.index - b.index);
  const quoted = best.length ? best : scored.slice(0, 1);
  return { sentences: quoted.map((s) => s.sentence), overlap: best.reduce((sum, s) => sum + s.overlap, 0) };
}

// Headings and table labels are not statements worth quoting on their own.
function isSentence(text: string): boolean {
  return HANGUL.test(text) ? text.replace(/\s/g, "").length >= 8 : text.split(/\s+/).length >= 4;
}
