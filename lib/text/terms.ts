/**
 * Terms of a text for lexical matching, shared by the full-text index and the lexical embedder.
 * Korean attaches particles and endings to words (휴가는, 휴가를, 신청합니다), so a whole word rarely
 * matches its stem; overlapping character bigrams of each Hangul run do. Other scripts keep words.
 */
const HANGUL_RUN = /[\p{Script=Hangul}]+/gu;
const WORD = /[\p{L}\p{N}]+/gu;
const HANGUL = /\p{Script=Hangul}/u;

function normalizeForTerms(text: string): string {
  return text.normalize("NFKC").toLowerCase();
}

export function hangulBigrams(text: string): string[] {
  const bigrams: string[] = [];
  for (const [run] of normalizeForTerms(text).matchAll(HANGUL_RUN)) {
    const chars = [...run];
    if (chars.length === 1) bigrams.push(run);
    for (let i = 0; i + 1 < chars.length; i++) bigrams.push(chars[i]! + chars[i + 1]!);
  }
  return bigrams;
}

/** Words outside Hangul runs (Latin, digits, other scripts), lower-cased. */
export function nonHangulWords(text: string): string[] {
  return [...normalizeForTerms(text).matchAll(WORD)].map(([word]) => word).filter((word) => !HANGUL.test(word));
}
