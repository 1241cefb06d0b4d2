import { DELIMITER_RULES, ENGLISH_RULES, KOREAN_RULES, type InjectionRule } from "@/lib/guardrails/detectors/injection-rules";
import { discussesAttacks, isMention, sentenceAround } from "@/lib/guardrails/detectors/injection-context";
import { outOfPlaceRequests } from "@/lib/guardrails/detectors/out-of-place-request";
import type { LinearModel } from "@/lib/guardrails/detectors/linear-model";
import { base64Payloads, deobfuscate, originalSpan, type FoldedText } from "@/lib/guardrails/normalize";

/** Combined evidence at or above which a text is reported. */
export const INJECTION_THRESHOLD = 0.6;
/** Signals further apart than this (in characters) do not add up: a long document is judged locally. */
const WINDOW = 2500;
/** Context read around a hit for a rule's `unless` check. */
const UNLESS_BEFORE = 40;
const UNLESS_AFTER = 24;

/** The most the classifier can add: it can tip a text with some rule evidence, never flag one alone. */
const MODEL_MAX_EVIDENCE = 0.5;
/**
 * Rule evidence a hit needs before the classifier's opinion counts: the classifier has learnt that
 * words like "system prompt" go with attacks, so it must not turn a single weak cue into a detection.
 */
export const MODEL_GATE = 0.35;
/** The classifier reads the beginning of long texts, where a jailbreak script sets itself up. */
const MODEL_CHARS = 6000;
/**
 * The cue model judges short messages only: it was trained on them, and in a long role-play request
 * (benign or not) nearly every class appears somewhere, so there its opinion says little.
 */
export const CUE_MAX_CHARS = 600;

/** The classifiers whose opinions add to the rules' evidence; null leaves one out. */
export type InjectionModels = { ngrams: LinearModel | null; cues: LinearModel | null };

export type InjectionHit = { rule: InjectionRule; start: number; end: number };
export type ScoredHit = { hit: InjectionHit; confidence: number };
export type RuleSet = { english: InjectionRule[]; korean: InjectionRule[]; delimiters: InjectionRule[]; retrievedContent: boolean };

/** The rules for user messages, or for retrieved content, where instructions aimed at the answer count too. */
export function injectionRules(retrievedContent: boolean): RuleSet {
  const applicable = (rules: InjectionRule[]) => rules.filter((rule) => retrievedContent || !rule.documentOnly);
  return { english: applicable(ENGLISH_RULES), korean: applicable(KOREAN_RULES), delimiters: DELIMITER_RULES, retrievedContent };
}

/** The de-obfuscated copy the rules (and the injection model) read. */
export function foldForInjection(text: string): FoldedText {
  return deobfuscate(text, { leetspeak: true, joinSpacedLetters: true });
}

// In a retrieved document, a request that has nothing to do with the document is an instruction planted for the assistant.
const OUT_OF_PLACE_REQUEST: InjectionRule = { id: "out_of_place_request", kind: "PROMPT_INJECTION", weight: 0.65, pattern: /$^/, documentOnly: true };

// Readable instructions hidden in base64 are themselves a signal.
const ENCODED_PAYLOAD: InjectionRule = { id: "encoded_payload", kind: "PROMPT_INJECTION", weight: 0.3, pattern: /$^/ };

/**
 * Every rule hit of a text, including hits inside base64 payloads (reported on the payload's span),
 * each with the combined evidence around it. `extraEvidence` gives independent evidence (0..1) about
 * the whole text, such as a classifier's opinion; it raises the confidence of hits whose rule evidence
 * reaches MODEL_GATE and reports nothing alone. It is only called when some hit reaches the gate, so
 * most benign texts never pay for the classifier.
 */
export function scoreInjection(text: string, folded: FoldedText, rules: RuleSet, extraEvidence: () => number = () => 0): ScoredHit[] {
  const hits = findHits(folded, rules);
  if (rules.retrievedContent) hits.push(...outOfPlaceRequests(text).map(({ start, end }) => ({ rule: OUT_OF_PLACE_REQUEST, start, end })));
  for (const payload of base64Payloads(text)) {
    const hidden = findHits(foldForInjection(payload.text), rules);
    if (hidden.length === 0) continue;
    hits.push(...hidden.map((hit) => ({ ...hit, start: payload.start, end: payload.end })), { rule: ENCODED_PAYLOAD, start: payload.start, end: payload.end });
  }
  return combined(hits, extraEvidence);
}

/** The highest combined evidence of any hit in a text, with the classifiers' opinions or from the rules alone (0 without hits). */
export function injectionConfidence(text: string, models: InjectionModels, retrievedContent = false): number {
  const folded = foldForInjection(text);
  const scored = scoreInjection(text, folded, injectionRules(retrievedContent), () => modelEvidence(models, folded.text));
  return scored.reduce((highest, { confidence }) => Math.max(highest, confidence), 0);
}

/** Both classifiers' opinions as one piece of evidence (independent: 1 − Π(1 − e)), each at most MODEL_MAX_EVIDENCE. */
export function modelEvidence(models: InjectionModels, foldedText: string): number {
  const ngrams = models.ngrams ? classifierEvidence(models.ngrams, foldedText) : 0;
  const cues = models.cues && foldedText.length <= CUE_MAX_CHARS ? classifierEvidence(models.cues, foldedText) : 0;
  return 1 - (1 - ngrams) * (1 - cues);
}

/** A classifier's opinion as evidence: 0 up to its threshold, rising to MODEL_MAX_EVIDENCE at certainty. */
export function classifierEvidence(model: LinearModel, foldedText: string): number {
  const probability = model.probability(foldedText.slice(0, MODEL_CHARS));
  return probability <= model.threshold ? 0 : (MODEL_MAX_EVIDENCE * (probability - model.threshold)) / (1 - model.threshold);
}

/** Rule hits with offsets into the original text. */
function findHits(folded: FoldedText, rules: RuleSet): InjectionHit[] {
  const applicable = [...(/[a-z]/.test(folded.text) ? rules.english : []), ...(/[가-힣]/.test(folded.text) ? rules.korean : []), ...rules.delimiters];
  const hits: InjectionHit[] = [];
  for (const rule of applicable) {
    for (const match of folded.text.matchAll(rule.pattern)) {
      if (match[0].length === 0) continue;
      const from = match.index;
      const to = from + match[0].length;
      if (rule.unless?.test(folded.text.slice(Math.max(0, from - UNLESS_BEFORE), to + UNLESS_AFTER))) continue;
      if (rule.unlessSentence?.test(sentenceAround(folded.text, from, to))) continue;
      if (isMention(folded.text, from, to)) continue;
      if (rule.namesSubject && discussesAttacks(folded.text, from, to)) continue;
      const span = originalSpan(folded, from, to);
      hits.push({ rule, start: span.start, end: span.end });
    }
  }
  return hits;
}

function ruleWeight(rule: InjectionRule, count: number): number {
  return rule.perRepetition ? Math.min(rule.weight, 1 - (1 - rule.perRepetition) ** count) : rule.weight;
}

/**
 * Each hit's evidence combines every distinct rule that hit within WINDOW of it, as independent
 * evidence (1 − Π(1 − w)); a rule counts once however often it repeats (unless it is a
 * `perRepetition` rule), so repeating one weak phrase never adds up to a detection. Hits are walked
 * in order with a sliding window, which keeps a megabyte of repeated phrases linear in the hits.
 */
function combined(hits: InjectionHit[], extraEvidence: () => number): ScoredHit[] {
  hits.sort((a, b) => a.start - b.start);
  let extra: number | undefined;
  const scored: ScoredHit[] = [];
  const hitsPerRule = new Map<InjectionRule, number>();
  let left = 0;
  let right = 0;
  for (const hit of hits) {
    while (right < hits.length && hits[right]!.start <= hit.start + WINDOW) {
      const rule = hits[right++]!.rule;
      hitsPerRule.set(rule, (hitsPerRule.get(rule) ?? 0) + 1);
    }
    while (hits[left]!.start < hit.start - WINDOW) {
      const rule = hits[left++]!.rule;
      const remaining = hitsPerRule.get(rule)! - 1;
      if (remaining === 0) hitsPerRule.delete(rule);
      else hitsPerRule.set(rule, remaining);
    }
    let doubt = 1;
    for (const [rule, count] of hitsPerRule) doubt *= 1 - ruleWeight(rule, count);
    if (1 - doubt >= MODEL_GATE) {
      extra ??= extraEvidence();
      doubt *= 1 - extra;
    }
    scored.push({ hit, confidence: 1 - doubt });
  }
  return scored;
}
