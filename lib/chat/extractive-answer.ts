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

export type ExtractiveAnswer = { paragraphs: string[]; cited: RetrievedChunk[] };

/**
 * The answer when no language model is configured: the best passages, each cut down to the
 * sentences that share the most terms with the question, quoted with their citation number.
 * It never says anything the documents do not.
 */
export function extractiveAnswer(question: string, chunks: RetrievedChunk[]): ExtractiveAnswer {
  const language = HANGUL.test(question) ? "ko" : "en";
  if (chunks.length === 0) return { paragraphs: [NOTHING_FOUND[language]], cited: [] };
  const cited = chunks.slice(0, PASSAGES);
  const wanted = termsOf(question);
  const quotes = cited.map((chunk, i) => `> ${bestSentences(chunk.content, wanted).join(" ")} [${i + 1}]`);
  return { paragraphs: [`_${EXTRACTIVE_LABEL[language]}_`, ...quotes], cited };
}

function termsOf(text: string): Set<string> {
  // Five-letter prefixes stand in for stems: "vacations" and "vacation" share "vacat".
  return new Set([...nonHangulWords(text).filter((w) => w.length > 2).map((w) => w.slice(0, 5)), ...hangulBigrams(text)]);
}

function bestSentences(content: string, wanted: Set<string>): string[] {
  const all = sentences(content.replace(/\n+/g, " "));
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
  return (best.length ? best : scored.slice(0, 1)).map((s) => s.sentence);
}
