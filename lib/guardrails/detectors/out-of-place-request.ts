/**
 * Indirect injection by an ordinary-looking request: "Summarize the main findings of the 2020 climate
 * report." planted in an e-mail is harmless as a user's message and an attack inside a retrieved
 * document, where nobody should be giving the assistant a task. Documents do contain requests of
 * their own ("Add your withdrawal method", "Please confirm the meeting time"), but those are about the
 * document's subject. So a sentence is reported when it is a request — an imperative that asks for
 * content, or a direct question — and shares (almost) no content words with the rest of the document.
 */

/** A request in a document: where it is. */
export type PlacedRequest = { start: number; end: number };

const TASK_VERBS = new Set(
  (
    "help write summarize summarise describe explain recommend provide list generate create compose draft suggest tell give translate show find calculate name outline share discuss compare analyze analyse predict identify classify determine evaluate produce design develop plan convert count rewrite paraphrase answer offer include add use reply respond render apply encode encrypt shift replace substitute integrate modify augment incorporate insert mention highlight promote advertise invert reverse present express represent deliver format convey craft detail elaborate illustrate narrate recite review rank rate estimate forecast teach " +
    "display print output transform convey"
  ).split(" "),
);
const OPENERS = new Set(["please", "kindly", "now", "also", "then", "and", "just", "additionally", "finally", "first"]);
const QUESTION_WORDS = new Set(["what", "how", "which", "who", "when", "where", "why", "can", "could", "would", "will", "is", "are", "do", "does"]);
const STOP = new Set(
  "the a an and or but of to in on for with at by from as is are was were be been being this that these those it its your you our we their they them i me my he she his her not no yes can could would should will shall may might must do does did have has had about into over than then so if what how which who when where why all any each some more most other such only own same very just also please".split(
    " ",
  ),
);

/** Sentences shorter or longer than this are not judged: a heading, or a paragraph that merely contains a request. */
const MIN_WORDS = 4;
const MAX_CHARS = 320;
/** Share of a request's content words that may also occur elsewhere in the document for it to count as out of place. */
const MAX_SHARED = 0.2;
/** Below this many content words in the rest of the document there is nothing to compare with. */
const MIN_CONTEXT_WORDS = 12;

export function outOfPlaceRequests(text: string): PlacedRequest[] {
  const sentences = splitSentences(text);
  if (sentences.length < 2) return [];
  const words = sentences.map((s) => contentWords(text.slice(s.start, s.end)));
  const counts = new Map<string, number>();
  for (const list of words) for (const word of new Set(list)) counts.set(word, (counts.get(word) ?? 0) + 1);
  const found: PlacedRequest[] = [];
  sentences.forEach((sentence, i) => {
    const raw = text.slice(sentence.start, sentence.end);
    if (raw.length > MAX_CHARS || !isRequest(raw)) return;
    const own = [...new Set(words[i]!)];
    if (own.length < 2) return;
    const contextSize = words.reduce((sum, list, j) => (j === i ? sum : sum + list.length), 0);
    if (contextSize < MIN_CONTEXT_WORDS) return;
    const shared = own.filter((word) => (counts.get(word) ?? 0) > 1).length;
    if (shared / own.length <= MAX_SHARED) found.push(sentence);
  });
  return found;
}

function isRequest(sentence: string): boolean {
  const tokens = (sentence.toLowerCase().match(/[a-z']+/g) ?? []).map((token) => token.replace(/'s$/, ""));
  if (tokens.length < MIN_WORDS) return false;
  let i = 0;
  while (i < tokens.length - 1 && OPENERS.has(tokens[i]!)) i++;
  const first = tokens[i]!;
  if (TASK_VERBS.has(first)) return true;
  return QUESTION_WORDS.has(first) && /\?\s*$/.test(sentence);
}

function contentWords(sentence: string): string[] {
  return (sentence.toLowerCase().match(/[a-z][a-z0-9'-]{3,}/g) ?? []).filter((word) => !STOP.has(word)).map(stem);
}

/** A crude stem, so "vaccination" and "vaccinations", "report" and "reports" meet. */
function stem(word: string): string {
  return word.replace(/(?:'s|ies|es|s|ing|ed)$/, "");
}

function splitSentences(text: string): PlacedRequest[] {
  const sentences: PlacedRequest[] = [];
  const pattern = /[^.!?\n|]+[.!?]*/g;
  for (const match of text.matchAll(pattern)) {
    const leading = match[0].length - match[0].trimStart().length;
    const trimmed = match[0].trim();
    if (trimmed.length > 0) sentences.push({ start: match.index + leading, end: match.index + leading + trimmed.length });
  }
  return sentences;
}
