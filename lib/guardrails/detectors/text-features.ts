/**
 * Hashed features for the small linear models (toxicity, the injection classifier): character
 * 2-4-grams, which catch inflected, misspelled and particle-attached words in English and Korean
 * alike, plus word unigrams and bigrams. Features are hashed into 2^bits buckets ("the hashing
 * trick"), so a model is a flat weight array and needs no vocabulary. The training script and the detectors share this code,
 * which is what keeps a committed model valid: change it and the models must be retrained.
 */
export const FEATURE_SCHEME = "hashed-ngrams-v2";

/** Bucket → value; values are 1/√(number of distinct features) so long and short texts weigh alike. */
export function hashedFeatures(text: string, bits: number): Map<number, number> {
  const buckets = featureBuckets(text, bits);
  const value = featureValue(buckets.length);
  return new Map(buckets.map((bucket) => [bucket, value]));
}

/** The value every feature of a text with `count` distinct features has. */
export function featureValue(count: number): number {
  return count > 0 ? 1 / Math.sqrt(count) : 0;
}

// Deduplication marks, one slot per bucket, reused across calls: a generation counter instead of
// clearing, so a text with thousands of n-grams needs no Set.
const marksByBits = new Map<number, Uint32Array>();
let generation = 0;

/** The distinct buckets of a text's features. */
export function featureBuckets(text: string, bits: number): number[] {
  const mask = (1 << bits) - 1;
  let marks = marksByBits.get(bits);
  if (!marks) {
    marks = new Uint32Array(1 << bits);
    marksByBits.set(bits, marks);
  }
  generation = generation === 0xffffffff ? 1 : generation + 1;
  if (generation === 1) marks.fill(0);
  const buckets: number[] = [];
  const add = (hash: number) => {
    const bucket = (hash >>> 0) & mask;
    if (marks[bucket] !== generation) {
      marks[bucket] = generation;
      buckets.push(bucket);
    }
  };
  const prepared = prepare(text);
  // Character n-grams, hashed incrementally: the hash of the n-gram at i is the running hash of
  // chars i..i+n-1, so no substring is built.
  for (let i = 0; i < prepared.length; i++) {
    let hash = FNV_OFFSET;
    for (let n = 1; n <= 4 && i + n <= prepared.length; n++) {
      hash = Math.imul(hash ^ prepared.charCodeAt(i + n - 1), FNV_PRIME);
      if (n >= 2) add(hash);
    }
  }
  // Words ("w:word") and word pairs ("b:first second"), hashed from the prepared text in place.
  let previousStart = -1;
  let previousEnd = -1;
  for (let start = 1; start < prepared.length; ) {
    const end = prepared.indexOf(" ", start);
    if (end <= start) break;
    add(hashRange(prepared, start, end, WORD_SEED));
    if (previousStart >= 0) add(hashRange(prepared, start, end, hashRange(prepared, previousStart, previousEnd + 1, PAIR_SEED)));
    previousStart = start;
    previousEnd = end;
    start = end + 1;
  }
  return buckets;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const WORD_SEED = hashRange("w:", 0, 2, FNV_OFFSET);
const PAIR_SEED = hashRange("b:", 0, 2, FNV_OFFSET);

/** FNV-1a of text[start..end), continuing from `seed`. */
function hashRange(text: string, start: number, end: number, seed: number): number {
  let hash = seed;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), FNV_PRIME);
  return hash;
}

/**
 * Lower case and NFKC; links, @mentions and HTML entities (common in social-media text) reduced to
 * placeholders; digits to 0; a character repeated more than twice ("sooooo") to two; anything that
 * is not a letter or digit (Korean jamo such as ㅅㅂ are letters) becomes a single space. The result
 * starts and ends with a space and has single spaces between words. One pass over the characters,
 * because this runs on every scanned segment.
 */
function prepare(text: string): string {
  const cleaned = text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/https?:\/\/\S+|www\.\S+/g, " url ")
    .replace(/@\w+/g, " @user ")
    .replace(/&(?:amp|lt|gt|quot|#\d+);/g, " ");
  const out = new Uint16Array(cleaned.length + 2);
  let length = 0;
  out[length++] = 32;
  for (let i = 0; i < cleaned.length; i++) {
    let code = cleaned.charCodeAt(i);
    if (code >= 48 && code <= 57) code = 48;
    else if (!isWordCode(code, cleaned, i)) code = 32;
    if (code === 32 && out[length - 1] === 32) continue;
    if (code !== 32 && length >= 2 && out[length - 1] === code && out[length - 2] === code) continue;
    out[length++] = code;
  }
  if (out[length - 1] !== 32) out[length++] = 32;
  return utf16.decode(out.subarray(0, length));
}

const utf16 = new TextDecoder("utf-16le");
// Remembered per code point (a Unicode property test per character is slow); capped like normalize.ts's cache.
const letterCache = new Map<number, boolean>();
const LETTER_CACHE_LIMIT = 65_536;

/** Letters, digits and '@' (of @user); surrogate pairs are judged by their code point. */
function isWordCode(code: number, text: string, index: number): boolean {
  if (code < 0x80) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 64;
  if (code >= 0xac00 && code <= 0xd7a3) return true;
  const codePoint = code >= 0xd800 && code <= 0xdfff ? (text.codePointAt(code < 0xdc00 ? index : index - 1) ?? code) : code;
  let letter = letterCache.get(codePoint);
  if (letter === undefined) {
    letter = /[\p{L}\p{N}]/u.test(String.fromCodePoint(codePoint));
    if (letterCache.size >= LETTER_CACHE_LIMIT) letterCache.clear();
    letterCache.set(codePoint, letter);
  }
  return letter;
}
