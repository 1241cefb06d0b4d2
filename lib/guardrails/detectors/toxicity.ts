import { loadLinearModel } from "@/lib/guardrails/detectors/linear-model";
import { finding, type Detector, type Finding } from "@/lib/guardrails/findings";
import englishModelFile from "@/lib/guardrails/models/toxicity-en.json";
import koreanModelFile from "@/lib/guardrails/models/toxicity-ko.json";

const englishModel = loadLinearModel(englishModelFile);
const koreanModel = loadLinearModel(koreanModelFile);

/**
 * Insults aimed at the reader ("you worthless idiot", "너 같은 멍청이"). The models learnt toxicity
 * from social-media posts, where it is mostly profanity and slurs, and are less sure of insults made
 * of ordinary words; a directed insult is reported whatever the model says.
 */
const DIRECTED_INSULT =
  /\b(?:you|you're|youre|ur|u)\s+(?:(?:are|r|such|a|an|the|so|fucking|absolute|total|complete|little|stupid|useless|worthless|pathetic)\s+){0,3}(?:idiot|moron|imbecile|stupid|dumb|dumbass|worthless|useless|pathetic|loser|scum|trash|garbage|clown|retard(?:ed)?|cretin|disgrace|piece\s+of\s+(?:shit|garbage|trash))s?\b|(?:너|넌|니가|네가|너는|당신|당신은|너희|니들)\s?(?:같은|처럼|진짜|정말|완전|는|은|이|가)?\s?[^.!?\n]{0,8}(?:바보|멍청|병신|등신|쓰레기|한심|찌질|꺼져|닥쳐)/i;

/**
 * Explicit profanity and slurs: abusive in any context and any length, so they are reported even in
 * fragments too short for the models. Hangul entries match inside words (particles attach: 새끼야).
 */
const PROFANITY =
  /\b(?:fuck(?:ing|er|ed|s)?|motherfuck\w*|shit(?:head|ty)?|bitch(?:es)?|cunts?|assholes?|bastards?|dickheads?|whores?|sluts?|faggots?|niggers?|niggas?|retards?)\b|씨발|시발|씨바|ㅅㅂ|병신|ㅂㅅ|좆|개새끼|새끼야|미친놈|미친년|지랄|닥쳐|엿\s?먹어/i;

/**
 * Below this much text the models decide on a handful of n-grams, and ordinary headings ("Working
 * hours", "교육 지원") scored as toxic for sharing letters with slurs. Such fragments are reported only
 * when they are a directed insult.
 */
const MIN_WORDS = 4;
const MIN_HANGUL = 10;

/** Segments are about a social-media post long, the length the models were trained on. */
const SEGMENT_CHARS = 280;

/**
 * Toxicity (insults, slurs, hate, harassment) in English and Korean, from two small logistic-regression
 * models over hashed character n-grams (trained by scripts/train-guardrail-models.ts), plus a pattern
 * for insults aimed at the reader. The text is
 * cut into post-sized segments at sentence ends and each segment is scored by the model of its script,
 * so a toxic sentence inside a long, polite message is still found and its span reported.
 */
export const toxicityDetector: Detector = {
  name: "toxicity",
  scan(text: string): Finding[] {
    const findings: Finding[] = [];
    for (const { start, end } of segments(text)) {
      const segment = text.slice(start, end);
      const korean = hangulShare(segment) >= 0.3;
      const model = korean ? koreanModel : englishModel;
      const insult = DIRECTED_INSULT.test(segment) || PROFANITY.test(segment);
      if (!insult && tooShortToJudge(segment, korean)) continue;
      const probability = model.probability(segment);
      if (probability >= model.threshold || insult) {
        const confidence = Math.max(probability >= model.threshold ? rescaled(probability, model.threshold) : 0, insult ? 0.75 : 0);
        findings.push(finding("toxicity", "TOXICITY", text, start, end, confidence));
      }
    }
    return findings;
  },
};

function tooShortToJudge(segment: string, korean: boolean): boolean {
  if (korean) return (segment.match(/\p{Script=Hangul}/gu)?.length ?? 0) < MIN_HANGUL;
  return (segment.match(/[\p{L}\p{N}]+/gu)?.length ?? 0) < MIN_WORDS;
}

/** Maps the model's threshold..1 onto 0.5..1, so every detector's confidence reads the same way. */
function rescaled(probability: number, threshold: number): number {
  return 0.5 + (0.5 * (probability - threshold)) / (1 - threshold);
}

/** Share of Hangul among the letters and digits of a segment (code-unit checks: this runs per segment). */
function hangulShare(segment: string): number {
  let hangul = 0;
  let other = 0;
  for (let i = 0; i < segment.length; i++) {
    const code = segment.charCodeAt(i);
    if ((code >= 0xac00 && code <= 0xd7a3) || (code >= 0x3131 && code <= 0x318e) || (code >= 0x1100 && code <= 0x11ff)) hangul++;
    else if ((code >= 0x30 && code <= 0x39) || ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a) || code > 0x7f) other++;
  }
  return hangul + other === 0 ? 0 : hangul / (hangul + other);
}

/** Sentence-sized pieces packed up to SEGMENT_CHARS; a sentence longer than that is cut at a space. */
function segments(text: string): Array<{ start: number; end: number }> {
  const pieces: Array<{ start: number; end: number }> = [];
  const sentenceEnd = /[.!?。！？\n]+\s*/g;
  let segmentStart = 0;
  let lastBreak = 0;
  const flush = (end: number) => {
    if (/\S/.test(text.slice(segmentStart, end))) pieces.push({ start: segmentStart, end });
    segmentStart = end;
  };
  for (const match of text.matchAll(sentenceEnd)) {
    const end = match.index + match[0].length;
    if (end - segmentStart > SEGMENT_CHARS && lastBreak > segmentStart) flush(lastBreak);
    while (end - segmentStart > SEGMENT_CHARS) flush(cutPoint(text, segmentStart));
    lastBreak = end;
  }
  if (text.length - segmentStart > SEGMENT_CHARS && lastBreak > segmentStart) flush(lastBreak);
  while (text.length - segmentStart > SEGMENT_CHARS) flush(cutPoint(text, segmentStart));
  flush(text.length);
  return pieces;
}

/** After the last space in the second half of the window, or at the window's end if there is none. */
function cutPoint(text: string, from: number): number {
  // A bounded backwards scan: lastIndexOf would walk to the start of a long text without spaces.
  for (let i = from + SEGMENT_CHARS; i > from + SEGMENT_CHARS / 2; i--) if (text.charCodeAt(i) === 32) return i + 1;
  return from + SEGMENT_CHARS;
}
