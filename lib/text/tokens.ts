/**
 * An estimate of how many model tokens a text is, without a tokenizer: about 1.3 per English word
 * and about one per Hangul or CJK character, which is what BPE vocabularies of current models give.
 * Chunk sizes only need to be about right.
 */
export function estimateTokens(text: string): number {
  let tokens = 0;
  for (const [word] of text.matchAll(/[\p{Script=Hangul}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu)) {
    tokens += word.length > 1 ? 1.3 : word.length === 1 && /[\p{L}\p{N}]/u.test(word) ? 1 : 0.5;
  }
  return Math.ceil(tokens);
}

const segmenters = new Map<string, Intl.Segmenter>();

/** Sentences by the Unicode rules (Korean and English alike). */
export function sentences(text: string, locale = "und"): string[] {
  let segmenter = segmenters.get(locale);
  if (!segmenter) {
    segmenter = new Intl.Segmenter(locale, { granularity: "sentence" });
    segmenters.set(locale, segmenter);
  }
  return [...segmenter.segment(text)].map((s) => s.segment.trim()).filter(Boolean);
}
