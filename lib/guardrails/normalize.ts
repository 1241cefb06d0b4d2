/**
 * De-obfuscation for detectors that match words (injection, keywords): attackers write "ｉｇｎｏｒｅ",
 * "іgnore" with a Cyrillic і, "ig\u200Bnore", "i g n o r e" or "1gn0re" so that a naive filter misses
 * them. `deobfuscate` produces a lower-cased folded copy for matching, and for every UTF-16 unit of
 * that copy the span of the original text it came from, so findings point at the original text.
 * The copy is for matching only; it is never shown or stored.
 */

export type FoldedText = {
  /** The folded copy: lower case, NFKC, invisible characters removed, look-alikes mapped to Latin. */
  text: string;
  /** For each UTF-16 unit of `text`, the original index where its source starts… */
  sourceStart: Int32Array;
  /** …and where it ends (exclusive). */
  sourceEnd: Int32Array;
};

export type FoldOptions = {
  /** Map digits and symbols inside words to the letters they imitate ("1gn0re" → "ignore"). */
  leetspeak?: boolean;
  /** Join letters spaced out one by one ("i g n o r e" → "ignore", "무 시 해" → "무시해"). */
  joinSpacedLetters?: boolean;
};

/** The original span of `folded.text.slice(start, end)`. */
export function originalSpan(folded: FoldedText, start: number, end: number): { start: number; end: number } {
  if (end <= start) return { start: folded.sourceStart[start] ?? 0, end: folded.sourceStart[start] ?? 0 };
  return { start: folded.sourceStart[start]!, end: folded.sourceEnd[end - 1]! };
}

export function deobfuscate(original: string, options: FoldOptions = {}): FoldedText {
  const out = new FoldBuffer(original.length);
  for (let i = 0; i < original.length; ) {
    const cp = original.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    if (cp < 0x80) out.push(cp >= 65 && cp <= 90 ? cp + 32 : cp, i, i + width);
    else if (isHangulSyllable(cp)) out.push(cp, i, i + width);
    else if (cp >= 0xe0020 && cp <= 0xe007e) {
      // Unicode "tag" characters are invisible copies of ASCII, a known way to smuggle instructions.
      const ascii = cp - 0xe0000;
      out.push(ascii >= 65 && ascii <= 90 ? ascii + 32 : ascii, i, i + width);
    } else {
      const folded = foldCodePoint(cp);
      for (let k = 0; k < folded.length; k++) out.push(folded.charCodeAt(k), i, i + width);
    }
    i += width;
  }
  if (options.leetspeak) out.mapLeetspeak();
  const result = options.joinSpacedLetters ? out.joinSpacedLetters() : out;
  return result.toFolded();
}

/** A run of base64 in the original text and what it decodes to, when that is readable text. */
export type DecodedPayload = { start: number; end: number; text: string };

// Long enough that ordinary words and identifiers rarely qualify; the lookbehind keeps a scan from
// restarting inside a run, so a megabyte of base64-like characters is read once.
const BASE64_RUN = /(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/_-]{16,}={0,2}(?![A-Za-z0-9+/=_-])/g;

/**
 * Runs of base64 (standard or URL-safe) that decode to readable UTF-8 text, e.g. an instruction
 * wrapped in base64 so that a filter reading the prompt does not see it.
 */
export function base64Payloads(original: string): DecodedPayload[] {
  const payloads: DecodedPayload[] = [];
  for (const match of original.matchAll(BASE64_RUN)) {
    const run = match[0];
    // A run of one case of letters only is a word or identifier, not base64.
    if (!/[0-9+/_-]/.test(run) && !(/[A-Z]/.test(run) && /[a-z]/.test(run))) continue;
    const decoded = decodeBase64Text(run);
    if (decoded) payloads.push({ start: match.index, end: match.index + run.length, text: decoded });
  }
  return payloads;
}

const utf8 = new TextDecoder("utf-8", { fatal: false });

/** Base64 characters (258 bytes) decoded to judge whether a run is text before decoding all of it. */
const PREVIEW_CHARS = 344;

function decodeBase64Text(run: string): string | null {
  const standard = run.replace(/-/g, "+").replace(/_/g, "/").replace(/=+$/, "");
  if (standard.length % 4 === 1) return null;
  // Judge a prefix first, so a megabyte of binary-looking base64 costs one small decode.
  if (standard.length > PREVIEW_CHARS && decodeBase64(standard.slice(0, PREVIEW_CHARS)) === null) return null;
  return decodeBase64(standard);
}

function decodeBase64(standard: string): string | null {
  let binary: string;
  try {
    binary = atob(standard + "=".repeat((4 - (standard.length % 4)) % 4));
  } catch {
    return null;
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const text = utf8.decode(bytes);
  return looksLikeText(text) ? text : null;
}

/** Mostly letters, digits, spaces and punctuation, with word breaks: what an instruction looks like. */
function looksLikeText(text: string): boolean {
  if (text.length < 8) return false;
  let readable = 0;
  let spaces = 0;
  for (const char of text) {
    const cp = char.codePointAt(0)!;
    if (cp === 0xfffd || (cp < 0x20 && cp !== 0x0a && cp !== 0x0d && cp !== 0x09) || (cp >= 0x7f && cp < 0xa0)) continue;
    readable++;
    if (cp === 0x20 || cp === 0x0a) spaces++;
  }
  const characters = [...text].length;
  return readable / characters >= 0.95 && (spaces > 0 || /\p{Script=Hangul}/u.test(text));
}

function isHangulSyllable(cp: number): boolean {
  return cp >= 0xac00 && cp <= 0xd7a3;
}

/** Compatibility jamo (ㅅ, ㅂ) are kept as typed; NFKC would turn them into conjoining jamo. */
function isCompatibilityJamo(cp: number): boolean {
  return cp >= 0x3130 && cp <= 0x318f;
}

// Folding one code point takes two normalisations; texts reuse few distinct characters, so the results
// are remembered. The cap keeps a text made of every code point from growing the cache without end.
const foldCache = new Map<number, string>();
const FOLD_CACHE_LIMIT = 65_536;

function foldCodePoint(cp: number): string {
  let folded = foldCache.get(cp);
  if (folded === undefined) {
    folded = computeFold(cp);
    if (foldCache.size >= FOLD_CACHE_LIMIT) foldCache.clear();
    foldCache.set(cp, folded);
  }
  return folded;
}

function computeFold(cp: number): string {
  const char = String.fromCodePoint(cp);
  if (isInvisible(cp)) return "";
  if (isCompatibilityJamo(cp)) return char;
  const lookalike = HOMOGLYPHS.get(char);
  if (lookalike) return lookalike;
  // NFKC folds full-width, circled, mathematical and ligature forms; NFKD then drops accents and
  // combining marks stacked on Latin letters ("ïgnörë"). Hangul never reaches here.
  const compatible = char.normalize("NFKC").toLowerCase();
  const bare = compatible.normalize("NFKD").replace(/\p{Mn}/gu, "");
  return [...bare].map((c) => HOMOGLYPHS.get(c) ?? c).join("");
}

/** Zero-width and formatting characters, bidi controls, variation selectors, Hangul fillers. */
function isInvisible(cp: number): boolean {
  return (
    cp === 0x00ad ||
    cp === 0x034f ||
    cp === 0x061c ||
    cp === 0x115f ||
    cp === 0x1160 ||
    cp === 0x17b4 ||
    cp === 0x17b5 ||
    (cp >= 0x180b && cp <= 0x180f) ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2060 && cp <= 0x206f) ||
    cp === 0x3164 ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    cp === 0xfeff ||
    cp === 0xffa0 ||
    (cp >= 0xfff0 && cp <= 0xfffb) ||
    (cp >= 0xe0000 && cp <= 0xe0fff)
  );
}

// Letters from other scripts that render like Latin ones (Cyrillic, Greek, IPA and small capitals), and
// typographic quotes, so that "don’t" matches like "don't".
const HOMOGLYPHS = new Map<string, string>(
  Object.entries({
    а: "a",
    в: "b",
    е: "e",
    ё: "e",
    з: "3",
    к: "k",
    м: "m",
    н: "h",
    о: "o",
    р: "p",
    с: "c",
    т: "t",
    у: "y",
    х: "x",
    ѕ: "s",
    і: "i",
    ї: "i",
    ј: "j",
    һ: "h",
    ԁ: "d",
    ԛ: "q",
    ԝ: "w",
    ӏ: "l",
    ь: "b",
    п: "n",
    г: "r",
    ɡ: "g",
    А: "a",
    В: "b",
    Е: "e",
    К: "k",
    М: "m",
    Н: "h",
    О: "o",
    Р: "p",
    С: "c",
    Т: "t",
    Х: "x",
    І: "i",
    Ј: "j",
    Ѕ: "s",
    α: "a",
    β: "b",
    ε: "e",
    ι: "i",
    κ: "k",
    ν: "v",
    ο: "o",
    ρ: "p",
    τ: "t",
    υ: "u",
    χ: "x",
    γ: "y",
    η: "n",
    ω: "w",
    Α: "a",
    Β: "b",
    Ε: "e",
    Ζ: "z",
    Η: "h",
    Ι: "i",
    Κ: "k",
    Μ: "m",
    Ν: "n",
    Ο: "o",
    Ρ: "p",
    Τ: "t",
    Υ: "y",
    Χ: "x",
    ı: "i",
    ɑ: "a",
    ɩ: "i",
    ɪ: "i",
    ʏ: "y",
    ɴ: "n",
    ʀ: "r",
    ʟ: "l",
    ʜ: "h",
    ɢ: "g",
    ʙ: "b",
    "\u2018": "'",
    "\u2019": "'",
    "\u02bc": "'",
    "\u201c": '"',
    "\u201d": '"',
    ᴀ: "a",
    ᴄ: "c",
    ᴅ: "d",
    ᴇ: "e",
    ꜰ: "f",
    ᴊ: "j",
    ᴋ: "k",
    ᴍ: "m",
    ᴏ: "o",
    ᴘ: "p",
    ꜱ: "s",
    ᴛ: "t",
    ᴜ: "u",
    ᴠ: "v",
    ᴡ: "w",
    ᴢ: "z",
  }),
);

const LEET = new Map<number, number>(
  Object.entries({ "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", $: "s" }).map(([from, to]) => [from.charCodeAt(0), to.charCodeAt(0)]),
);

function isAsciiLetter(code: number): boolean {
  return code >= 97 && code <= 122;
}

/**
 * Growable parallel typed arrays: the folded UTF-16 code units and the original span of each. Typed
 * arrays keep a megabyte of text at a few milliseconds of folding.
 */
class FoldBuffer {
  codes: Uint16Array;
  starts: Int32Array;
  ends: Int32Array;
  length = 0;

  constructor(capacity: number) {
    this.codes = new Uint16Array(Math.max(16, capacity));
    this.starts = new Int32Array(this.codes.length);
    this.ends = new Int32Array(this.codes.length);
  }

  push(code: number, start: number, end: number) {
    if (code > 0xffff) {
      this.push(0xd800 + ((code - 0x10000) >> 10), start, end);
      this.push(0xdc00 + ((code - 0x10000) & 0x3ff), start, end);
      return;
    }
    if (this.length === this.codes.length) this.grow();
    this.codes[this.length] = code;
    this.starts[this.length] = start;
    this.ends[this.length] = end;
    this.length++;
  }

  private grow() {
    const grown = (array: Uint16Array | Int32Array) => {
      const bigger = new (array.constructor as Uint16ArrayConstructor | Int32ArrayConstructor)(array.length * 2);
      bigger.set(array);
      return bigger;
    };
    this.codes = grown(this.codes) as Uint16Array;
    this.starts = grown(this.starts) as Int32Array;
    this.ends = grown(this.ends) as Int32Array;
  }

  /**
   * Inside tokens that mix letters with look-alike digits or symbols ("1gn0r3", "h4ck3r"), read those
   * as letters. A token counts as leetspeak when a look-alike is followed by a letter somewhere in it,
   * so names with trailing digits ("base64", "gpt4", "covid19") stay as written.
   */
  mapLeetspeak() {
    const { codes, length } = this;
    let tokenStart = 0;
    for (let i = 0; i <= length; i++) {
      if (i < length) {
        const code = codes[i]!;
        if (isAsciiLetter(code) || LEET.has(code) || (code >= 48 && code <= 57)) continue;
      }
      let letters = 0;
      let leetBeforeLetter = false;
      let sawLeet = false;
      for (let k = tokenStart; k < i; k++) {
        const code = codes[k]!;
        if (isAsciiLetter(code)) {
          letters++;
          if (sawLeet) leetBeforeLetter = true;
        } else if (LEET.has(code)) sawLeet = true;
      }
      if (letters >= 2 && leetBeforeLetter) for (let k = tokenStart; k < i; k++) codes[k] = LEET.get(codes[k]!) ?? codes[k]!;
      tokenStart = i + 1;
    }
  }

  /**
   * Letters written one at a time with a single separator between them ("i g n o r e", "s.y.s.t.e.m")
   * are joined. Three letters or syllables are needed, so "a b" is left alone; words of a spaced-out
   * phrase stay apart where the gap is wider. Joining a short list ("x y z") now and then is harmless:
   * the folded copy is only matched against, never shown.
   */
  joinSpacedLetters(): FoldBuffer {
    const { codes, length } = this;
    const drop = new Uint8Array(length);
    const isUnit = (k: number) => {
      if (k < 0 || k >= length) return false;
      const code = codes[k]!;
      return isAsciiLetter(code) || isHangulSyllable(code) || (code >= 48 && code <= 57);
    };
    const isSeparator = (k: number) => {
      if (k >= length) return false;
      const code = codes[k]!;
      return code === 32 || code === 46 || code === 45 || code === 95 || code === 42 || code === 0xb7;
    };
    const isolated = (k: number) => isUnit(k) && !isUnit(k - 1) && !isUnit(k + 1);
    let i = 0;
    let dropped = 0;
    while (i < length) {
      if (!isolated(i)) {
        i++;
        continue;
      }
      let end = i;
      let count = 1;
      while (isSeparator(end + 1) && isolated(end + 2)) {
        end += 2;
        count++;
      }
      if (count >= 3) {
        for (let k = i + 1; k < end; k += 2) drop[k] = 1;
        dropped += count - 1;
      }
      i = end + 1;
    }
    if (dropped === 0) return this;
    const joined = new FoldBuffer(length - dropped);
    for (let k = 0; k < length; k++) if (!drop[k]) joined.push(codes[k]!, this.starts[k]!, this.ends[k]!);
    return joined;
  }

  toFolded(): FoldedText {
    return {
      text: utf16.decode(this.codes.subarray(0, this.length)),
      sourceStart: this.starts.slice(0, this.length),
      sourceEnd: this.ends.slice(0, this.length),
    };
  }
}

const utf16 = new TextDecoder("utf-16le");
