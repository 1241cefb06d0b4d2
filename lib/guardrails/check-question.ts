import { builtInDetectors, keywordDetector } from "@/lib/guardrails/detectors";
import type { Finding } from "@/lib/guardrails/findings";
import { PII_DETECTORS, type GuardRule, type PolicyRules } from "@/lib/guardrails/policy";
import { redact, type RedactionStyle } from "@/lib/guardrails/redact";
import { REFUSALS, type Language } from "@/lib/guardrails/refusals";
import { enforces, verdictOf, type Verdict } from "@/lib/guardrails/verdicts";

export type Refusal = { check: string; message: string };

export type QuestionCheck = {
  /** The question with the policy's redactions applied: what retrieval, the model and the record see. */
  text: string;
  verdicts: Verdict[];
  refusal: Refusal | null;
};

/**
 * The input guardrails: personal data (redacted, masked or refused per detector), prompt injection,
 * abusive language and blocked topics. Every enabled check runs and leaves a verdict, also when an
 * earlier one already refused, so the record shows everything the question set off.
 */
export function checkQuestion(rules: PolicyRules, question: string, language: Language): QuestionCheck {
  const verdicts: Verdict[] = [];
  let refusal: Refusal | null = null;
  const refuse = (check: string, message: string) => {
    refusal ??= { check, message };
  };

  const pii = scanPii(rules, question);
  for (const { name, rule, findings } of pii) {
    verdicts.push(verdictOf("input", name, rule, findings));
    if (rule.action === "block" && enforces(rule, findings)) refuse(name, REFUSALS.pii[language]);
  }
  const singleChecks: [string, GuardRule, keyof typeof REFUSALS][] = [
    ["prompt_injection", rules.input.promptInjection, "promptInjection"],
    ["toxicity", rules.input.toxicity, "toxicity"],
  ];
  for (const [name, rule, refusalKey] of singleChecks) {
    if (!rule.enabled) continue;
    const findings = builtInDetectors[name]!.detector.scan(question);
    if (findings.length === 0) continue;
    verdicts.push(verdictOf("input", name, rule, findings));
    if (rule.action === "block" && enforces(rule, findings)) refuse(name, REFUSALS[refusalKey][language]);
  }
  if (rules.topics.enabled && rules.topics.deny.length > 0) {
    const findings = keywordDetector({ name: "topics", deny: rules.topics.deny, allow: rules.topics.allow }).scan(question);
    if (findings.length > 0) {
      verdicts.push(verdictOf("topics", "topics", rules.topics, findings));
      if (rules.topics.action === "block" && enforces(rules.topics, findings)) refuse("topics", REFUSALS.topics[language]);
    }
  }
  return { text: applyRedactions(question, pii), verdicts, refusal };
}

/** A text as the model may see it (earlier turns of the conversation): the policy's PII redactions, nothing else. */
export function redactForModel(rules: PolicyRules, text: string): string {
  return applyRedactions(text, scanPii(rules, text));
}

type PiiScan = { name: string; rule: GuardRule; findings: Finding[] };

/** Findings of every enabled PII detector that found something. */
export function scanPii(rules: PolicyRules, text: string): PiiScan[] {
  return PII_DETECTORS.flatMap((name) => {
    const rule = rules.input.pii[name];
    if (!rule.enabled) return [];
    const findings = builtInDetectors[name]!.detector.scan(text);
    return findings.length ? [{ name, rule, findings }] : [];
  });
}

/** The text with each enforced redact/mask finding replaced, overlaps resolved across detectors. */
function applyRedactions(text: string, scans: PiiScan[]): string {
  const styleOf = new Map<Finding, RedactionStyle>();
  for (const { rule, findings } of scans) {
    if (!enforces(rule, findings) || (rule.action !== "redact" && rule.action !== "mask")) continue;
    for (const finding of findings) styleOf.set(finding, rule.action);
  }
  return redact(text, [...styleOf.keys()], (finding) => styleOf.get(finding)!);
}
