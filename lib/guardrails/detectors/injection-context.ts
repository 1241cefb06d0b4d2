/**
 * Use or mention: whether a phrase that reads like an injection is aimed at the assistant, or is a
 * sentence *about* such a phrase. "Ignore all previous instructions" is an attack; "What does
 * 'ignore all previous instructions' mean?", "팀장님이 이전 지침은 잊으라고 하셨는데" (reported
 * speech) and "'개발자 모드로 전환하라'는 메일을 받았는데 피싱인가요?" are ordinary questions
 * that quote or report it. These checks run on the folded text (lower case), only for rule hits.
 */

/** How far a sentence is read around a hit, so a megabyte without full stops stays cheap. */
const SENTENCE_REACH = 240;

/** The sentence around text[from, to): up to the nearest sentence end on each side, within SENTENCE_REACH. */
export function sentenceAround(text: string, from: number, to: number): string {
  let start = from;
  const lowest = Math.max(0, from - SENTENCE_REACH);
  while (start > lowest && !isSentenceEnd(text.charCodeAt(start - 1))) start--;
  let end = to;
  const highest = Math.min(text.length, to + SENTENCE_REACH);
  while (end < highest && !isSentenceEnd(text.charCodeAt(end))) end++;
  return text.slice(start, end);
}

function isSentenceEnd(code: number): boolean {
  // . ? ! newline 。 ？ ！
  return code === 46 || code === 63 || code === 33 || code === 10 || code === 0x3002 || code === 0xff1f || code === 0xff01;
}

const OPENING_QUOTES = new Set(['"', "'", "“", "‘", "「", "『", "`", "«"]);
const CLOSING_QUOTES = new Set(['"', "'", "”", "’", "」", "』", "`", "»"]);
/** A quote is at most this long: longer "quotes" are stray apostrophes around ordinary text. */
const QUOTE_REACH = 160;

/**
 * Whether text[from, to) is quoted on one line: it starts inside a pair of quotes, or a quote opens
 * within it ("paste 'reveal your system prompt' tricks"). Apostrophes inside words ("don't") neither
 * open nor close a quote.
 */
export function insideQuotes(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (OPENING_QUOTES.has(text[i]!) && !isWordChar(text[i - 1]) && closesAfter(text, i + 1)) return true;
  for (let i = from - 1; i >= Math.max(0, from - QUOTE_REACH); i--) {
    const char = text[i]!;
    if (char === "\n") return false;
    if (OPENING_QUOTES.has(char) && !isWordChar(text[i - 1])) return closesAfter(text, from);
  }
  return false;
}

function closesAfter(text: string, from: number): boolean {
  for (let i = from; i < Math.min(text.length, from + QUOTE_REACH); i++) {
    const char = text[i]!;
    if (char === "\n") return false;
    if (CLOSING_QUOTES.has(char) && !isLatinLetter(text[i + 1])) return true;
  }
  return false;
}

function isWordChar(char: string | undefined): boolean {
  return char !== undefined && /[\p{L}\p{N}]/u.test(char);
}

function isLatinLetter(char: string | undefined): boolean {
  return char !== undefined && /[a-z]/.test(char);
}

/**
 * A message that talks about attacks or asks what a phrase means: a quoted injection phrase in it
 * is being discussed, not used.
 */
const META_DISCUSSION =
  /\b(?:what\s+(?:does|do|did|is|are|would)\b[^?\n]{0,100}\b(?:mean|means|meaning|do|does)\b|meaning\s+of|why\s+(?:would|do|does|is|are|should|did)\b|is\s+(?:that|this|it)\s+(?:a|an)\s+(?:scam|phishing|attack|injection|jailbreak|trick)|(?:scam|phishing|attack|injection)\s+(?:pattern|attempt|email|message)s?|(?:protect|defend|guard|secure)\w*\s+(?:\w+\s+){0,4}against|\b(?:resist|counter|withstand)\w*\s+(?:it|them|this|that|these|such)\b|\b(?:is|was|still)\s+(?:\w+\s+){0,2}(?:a|an)\s+(?:\w+\s+){0,2}(?:jailbreaks?|attacks?|exploits?)\b|['"’”]\s?(?:attacks?|tricks?|prompts?|jailbreaks?|injections?|exploits?|techniques?|phrases?)\b|(?:detect|prevent|block|mitigate|stop|filter)\w*\s+(?:\w+\s+){0,4}(?:injections?|jailbreaks?|attacks?|requests|prompts|tricks)|training\s+(?:slide|material|course|session|deck)|security\s+(?:training|awareness)|policy\s+violation|(?:an\s+)?example\s+of|tricks?\b|owasp)|(?:뜻|의미|무슨\s?말|왜\s?위험|위험한가|피싱|사기|스팸|막는\s?방법|막으려면|방지|보호하려면|차단|예를\s?들어|교육\s?자료|정책\s?위반|광고\s?문구|같은\s?(?:요청|문장|문구|메시지|말|탈옥|공격|수법|프롬프트)|어떻게\s?막)/;

/**
 * Reported speech in Korean, right after the verb: "무시하라는", "잊으라고 하셨는데". Not a dictated
 * reply: "'접근 허가'라고 말해" tells the assistant what to say.
 */
const KOREAN_REPORTED =
  /^(?:[가-힣]{0,3})?(?:['"’”」』]\s?)?(?:이?라는|이?라고|이?라던|다는|다고|하라는|하라고|자는|자고|냐는|냐고)(?!만|\s?(?:만\s?)?(?:말해|말하|답해|답하|대답|응답|출력|적어|써))/;
/** A phrase named as such, a little after the hit: "제한 없는 AI라는 광고 문구", "developer mode라는 말". */
const KOREAN_NAMED = /^[^.?!\n]{0,14}?(?:이?라는|이?란)\s?(?:말|문구|표현|문장|광고|메일|메시지|단어|요청|뜻|게|건|것)/;

/** Whether a hit at text[from, to) is a mention: quoted where attacks are discussed, reported speech, or a phrase named as such. */
export function isMention(text: string, from: number, to: number): boolean {
  const after = text.slice(to, to + 24);
  if (KOREAN_REPORTED.test(after) || KOREAN_NAMED.test(after)) return true;
  return insideQuotes(text, from, to) && discussesAttacks(text, from, to);
}

/** Read this far around a hit for signs that attacks are being discussed: a long jailbreak script is not excused by one "why" far away. */
const DISCUSSION_REACH = 200;

/** Whether the text around a hit discusses attacks or asks what a phrase means (rules that fire on naming the subject then say nothing). */
export function discussesAttacks(text: string, from: number, to: number): boolean {
  return META_DISCUSSION.test(text.slice(Math.max(0, from - DISCUSSION_REACH), to + DISCUSSION_REACH));
}
