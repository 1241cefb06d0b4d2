import stem from "wink-porter2-stemmer";

/**
 * Terms of a text for lexical matching, shared by search, the lexical embedder and extractive answers.
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

/** Words that say what kind of question it is, not what it is about. */
export const ENGLISH_STOPWORDS: ReadonlySet<string> = new Set(
  (
    "a an and are as at be been but by can could did do does for from had has have how i if in into is it its " +
    "may me might must my no not of on or our shall should so than that the their them then there these they this " +
    "those to was we were what when where which who whom why will with would you your"
  ).split(" "),
);

// The commonest particles and copula endings, longest first, taken off a Hangul word's end.
const KOREAN_PARTICLE = /(?:에서는|에서|에게|까지|부터|으로|로는|이다|였다|은|는|이|가|을|를|의|에|로|와|과|도|만|인|한)$/u;

// Stemming was over half of computing a chunk's terms while indexing (CPU profile of the upload path),
// and a document repeats its words: each word is stemmed once per process. Cleared when full, since a
// vocabulary has no bound.
const STEMS_KEPT = 50_000;
const stems = new Map<string, string>();

function stemOf(word: string): string {
  let stemmed = stems.get(word);
  if (stemmed === undefined) {
    if (stems.size >= STEMS_KEPT) stems.clear();
    stemmed = stem(word);
    stems.set(word, stemmed);
  }
  return stemmed;
}

/**
 * The terms search indexes and looks up, with repeats (so their counts are term frequencies):
 * English words without stop words, reduced to their Porter2 (Snowball English) stem so "policies"
 * finds "policy"; other non-Hangul words as they are; Hangul as character bigrams, plus each Hangul
 * word without its particle (임종석이 → 임종석), which rewards a whole-word match (measured on the
 * KorQuAD tuning half: MRR@10 0.931 → 0.940). Prefixes keep the kinds of term apart.
 */
export function searchTerms(text: string): string[] {
  const terms: string[] = [];
  for (const word of nonHangulWords(text)) {
    if (ENGLISH_STOPWORDS.has(word)) continue;
    terms.push(`w:${/^[a-z]+$/.test(word) ? stemOf(word) : word}`);
  }
  for (const bigram of hangulBigrams(text)) terms.push(`k:${bigram}`);
  for (const [run] of normalizeForTerms(text).matchAll(HANGUL_RUN)) {
    const stemmed = run.replace(KOREAN_PARTICLE, "");
    if ([...stemmed].length > 1) terms.push(`h:${stemmed}`);
  }
  return terms;
}
