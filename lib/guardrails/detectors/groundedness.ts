import { finding, type Finding } from "@/lib/guardrails/findings";

export type GroundednessOptions = {
  /** Share of a sentence's content terms that must appear in its passages (default 0.5). */
  minSupport?: number;
  /** Sentences with fewer content terms are not judged: too little to tell (default 3). */
  minTerms?: number;
};

const DETECTOR = "groundedness";
const CITATION = /[[【]\s*(\d{1,3}(?:\s*[,，;–-]\s*\d{1,3})*)\s*[\]】]/g;
// Sentences that say the answer is not in the sources make no claim to check.
const NO_ANSWER =
  /\b(?:could\s*n[o']t|cannot|can't|unable\s+to|did\s*n[o']t)\s+(?:find|locate|determine)|\bnot\s+(?:mentioned|covered|found|specified|stated)\b|\bno\s+(?:information|mention|details?)\b|찾을\s*수\s*없|확인(?:되지|할\s*수)\s*(?:않|없)|정보가\s*없|언급(?:되어\s*있지|하고\s*있지|이)\s*(?:않|없)|나와\s*있지\s*않/i;

/**
 * Answer sentences whose content is not supported by the passages they cite (or by all passages when
 * a sentence cites none): a lexical check, fast enough to run on every answer. English content words
 * are compared after light stemming, Korean words by the character bigrams of their stem (particles
 * stripped), and every number in the sentence must appear in the passages, since an invented figure
 * is the costliest kind of unsupported claim. Citations to passages that do not exist are reported
 * as INVALID_CITATION. Paraphrase with different words is not recognised, so this flags for review
 * rather than proves a sentence wrong.
 */
export function checkGroundedness(answer: string, passages: string[], options: GroundednessOptions = {}): Finding[] {
  const minSupport = options.minSupport ?? 0.5;
  const minTerms = options.minTerms ?? 3;
  const evidence = passages.map(passageTerms);
  const everything = mergeTerms(evidence);
  const findings: Finding[] = [];
  for (const sentence of sentencesWithCitations(answer)) {
    const invalid = sentence.citations.filter((n) => n < 1 || n > passages.length);
    if (invalid.length > 0) findings.push(finding(DETECTOR, "INVALID_CITATION", answer, sentence.start, sentence.end, 0.95));
    const cited = sentence.citations.filter((n) => n >= 1 && n <= passages.length);
    const sources = cited.length > 0 ? mergeTerms(cited.map((n) => evidence[n - 1]!)) : everything;
    // List markers ("1.", "-") are layout, not claims.
    const claim = sentence.text.replace(CITATION, " ").replace(/^\s*(?:\d{1,2}[.)]|[-*•])\s+/, "");
    if (NO_ANSWER.test(claim)) continue;
    const terms = claimTerms(claim);
    const missingNumber = terms.numbers.some((number) => !sources.numbers.has(number));
    const judged = terms.words.length + terms.numbers.length;
    if (judged < minTerms && !missingNumber) continue;
    const supported = terms.words.filter((word) => supports(sources, word)).length + terms.numbers.filter((n) => sources.numbers.has(n)).length;
    const support = judged === 0 ? 1 : supported / judged;
    if (support < minSupport || missingNumber) {
      const confidence = missingNumber ? Math.max(0.8, 1 - support / 2) : 0.5 + 0.5 * (1 - support / minSupport);
      findings.push(finding(DETECTOR, "UNSUPPORTED_CLAIM", answer, sentence.start, sentence.end, confidence));
    }
  }
  return findings;
}

type Terms = { words: Set<string>; bigrams: Set<string>; numbers: Set<string> };
type ClaimTerms = { words: Array<{ latin: string } | { hangulBigrams: string[] }>; numbers: string[] };

type Sentence = { start: number; end: number; text: string; citations: number[] };

const segmenter = new Intl.Segmenter("und", { granularity: "sentence" });

/**
 * Sentences with their offsets and cited passage numbers. A citation written after the full stop
 * ("… 15 days. [1]") lands at the start of the next segment; it is given back to the sentence before.
 */
function sentencesWithCitations(answer: string): Sentence[] {
  const sentences: Sentence[] = [];
  for (const { segment, index } of segmenter.segment(answer)) {
    const leading = /^\s*(?:[[【]\s*\d{1,3}(?:\s*[,，;–-]\s*\d{1,3})*\s*[\]】]\s*)+/.exec(segment);
    const previous = sentences[sentences.length - 1];
    if (leading && previous) previous.citations.push(...citationNumbers(leading[0]));
    const bodyStart = index + (leading && previous ? leading[0].length : 0);
    const body = answer.slice(bodyStart, index + segment.length);
    const trimmedStart = bodyStart + (body.length - body.trimStart().length);
    const trimmedEnd = index + segment.length - (body.length - body.trimEnd().length);
    if (trimmedEnd <= trimmedStart) continue;
    const text = answer.slice(trimmedStart, trimmedEnd);
    sentences.push({ start: trimmedStart, end: trimmedEnd, text, citations: citationNumbers(text) });
  }
  return sentences;
}

function citationNumbers(text: string): number[] {
  const numbers: number[] = [];
  for (const [, list] of text.matchAll(CITATION)) {
    for (const part of list!.split(/[,，;]/)) {
      const [from, to] = part.split(/[–-]/).map((n) => Number(n.trim()));
      if (to === undefined) numbers.push(from!);
      else for (let n = from!; n <= Math.min(to, from! + 20); n++) numbers.push(n);
    }
  }
  return numbers;
}

function passageTerms(passage: string): Terms {
  const claim = claimTerms(passage);
  const words = new Set<string>();
  const bigrams = new Set<string>();
  for (const word of claim.words) {
    if ("latin" in word) words.add(word.latin);
    else for (const bigram of word.hangulBigrams) bigrams.add(bigram);
  }
  // Passages keep every Hangul bigram, particles included, so a stem is found whatever follows it.
  for (const run of passage.normalize("NFKC").match(/\p{Script=Hangul}+/gu) ?? []) for (const bigram of bigramsOf(run)) bigrams.add(bigram);
  return { words, bigrams, numbers: new Set(claim.numbers) };
}

function mergeTerms(all: Terms[]): Terms {
  const merged: Terms = { words: new Set(), bigrams: new Set(), numbers: new Set() };
  for (const terms of all) {
    for (const word of terms.words) merged.words.add(word);
    for (const bigram of terms.bigrams) merged.bigrams.add(bigram);
    for (const number of terms.numbers) merged.numbers.add(number);
  }
  return merged;
}

function supports(sources: Terms, word: ClaimTerms["words"][number]): boolean {
  if ("latin" in word) return sources.words.has(word.latin);
  const found = word.hangulBigrams.filter((bigram) => sources.bigrams.has(bigram)).length;
  return found >= Math.ceil(word.hangulBigrams.length / 2);
}

/** Content words (stemmed Latin words, Hangul stems as bigrams) and numbers of a text. */
function claimTerms(text: string): ClaimTerms {
  const normalised = text.normalize("NFKC").toLowerCase();
  const numbers = (normalised.match(/\d+(?:[.,]\d+)*/g) ?? []).map((n) => n.replace(/,(?=\d{3}\b)/g, "")).filter((n) => n.length > 1 || Number(n) > 0);
  const words: ClaimTerms["words"] = [];
  for (const [word] of normalised.matchAll(/[\p{L}][\p{L}'’-]*/gu)) {
    if (/\p{Script=Hangul}/u.test(word)) {
      const stem = stripParticle(word);
      if (stem.length >= 2) words.push({ hangulBigrams: bigramsOf(stem) });
    } else if (word.length >= 3 && !STOPWORDS.has(word)) words.push({ latin: stem(word) });
  }
  return { words, numbers };
}

function bigramsOf(run: string): string[] {
  const chars = [...run];
  if (chars.length === 1) return [run];
  return chars.slice(0, -1).map((char, i) => char + chars[i + 1]!);
}

// Particles and verb endings that follow a Korean stem.
const PARTICLES = new Set(
  (
    "입니다 습니다 합니다 됩니다 였습니다 이었습니다 했습니다 에서는 에게서 으로는 으로서 으로써 까지는 부터는 이라는 라는 에서 에게 한테 께서 " +
    "으로 까지 부터 처럼 보다 이나 이며 이고 이다 하고 하며 해야 하는 되는 된다 한다 은 는 이 가 을 를 의 에 로 와 과 도 만 요 다"
  ).split(" "),
);
const LONGEST_PARTICLE = Math.max(...[...PARTICLES].map((particle) => particle.length));

/** The word without its longest trailing particle, keeping a stem of at least two syllables. */
function stripParticle(word: string): string {
  for (let length = Math.min(LONGEST_PARTICLE, word.length - 2); length >= 1; length--) {
    if (PARTICLES.has(word.slice(-length))) return word.slice(0, -length);
  }
  return word;
}

/** Crude English stemming: enough to match "policies"/"policy", "approved"/"approve", "days"/"day". */
function stem(word: string): string {
  const bare = word.replace(/['’]s$/, "");
  if (bare.length > 4 && bare.endsWith("ies")) return `${bare.slice(0, -3)}y`;
  if (bare.length > 5 && bare.endsWith("ing")) return bare.slice(0, -3);
  if (bare.length > 4 && bare.endsWith("ed")) return bare.slice(0, -2);
  if (bare.length > 4 && bare.endsWith("es") && /(?:ss|sh|ch|x|z)es$/.test(bare)) return bare.slice(0, -2);
  if (bare.length > 3 && bare.endsWith("s") && !bare.endsWith("ss")) return bare.slice(0, -1);
  return bare.endsWith("e") && bare.length > 4 ? bare.slice(0, -1) : bare;
}

const STOPWORDS = new Set(
  (
    "the and are was were for from that this these those with without into onto over under about above below than then there their " +
    "they them you your yours our ours his her hers its it's who whom whose which what when where why how all any both each few more most " +
    "other some such only own same also very can could will would shall should may might must has have had having does did doing done " +
    "not nor but yet just too per via based according however therefore thus hence because while although though since until upon " +
    "within between among across after before during here one ones two three first second new use used using make made like well " +
    "document documents passage passages source sources answer question information following follows"
  ).split(" "),
);
