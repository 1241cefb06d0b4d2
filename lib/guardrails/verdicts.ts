import type { Finding } from "@/lib/guardrails/findings";
import { PII_DETECTORS, type GuardRule } from "@/lib/guardrails/policy";

export type GuardStage = "input" | "topics" | "documents" | "out_of_scope" | "output";

/**
 * What one check decided, as the decision record keeps it, complete enough to explain itself: the
 * policy rule (`input.pii.email`), the detectors that found something, how many findings of each type
 * and where (type, place and confidence, never the matched text: the record must not become a copy of
 * the personal data it documents), the action, and whether it was applied or only on trial. `applied`
 * is false when the rule is in shadow mode (or its action is "allow").
 */
export type Verdict = {
  stage: GuardStage;
  check: string;
  /** the rule's path in the policy, e.g. "input.pii.email", "documents.injection", "outOfScope" */
  rule: string;
  detectors: string[];
  /** findings per type, e.g. { EMAIL: 2 } */
  counts: Record<string, number>;
  action: string;
  applied: boolean;
  shadow: boolean;
  /** `rule`: which of the detector's rules fired (injection rules), so a withheld passage says why. */
  findings: { type: string; start: number; end: number; confidence: number; rule?: string }[];
  chunkId?: string;
  /** The model-backed second layer's call, when it was consulted: which endpoint and prompt, how it ended, its latency and cost. */
  judge?: JudgeCall;
};

export type JudgeCall = {
  model: string;
  promptVersion: string;
  outcome: "verdict" | "timeout" | "error" | "invalid";
  unsafe: boolean;
  categories: string[];
  confidence: number;
  latencyMs: number;
  tokensIn: number;
  tokensOut: number;
};

export function verdictOf(stage: GuardStage, check: string, rule: GuardRule, findings: Finding[], chunkId?: string, judge?: JudgeCall): Verdict {
  return {
    stage,
    check,
    rule: rulePath(stage, check),
    detectors: [...new Set(findings.map((f) => f.detector))],
    counts: countByType(findings),
    action: rule.action,
    applied: !rule.shadow && rule.action !== "allow",
    shadow: rule.shadow,
    findings: findings.map(({ type, start, end, confidence, rule: firedRule }) => ({
      type,
      start,
      end,
      confidence,
      ...(firedRule ? { rule: firedRule } : {}),
    })),
    ...(chunkId ? { chunkId } : {}),
    ...(judge ? { judge } : {}),
  };
}

/** How many findings there are of each type. */
export function countByType(findings: { type: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { type } of findings) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
}

const RULE_PATHS: Record<string, string> = {
  "input:prompt_injection": "input.promptInjection",
  "input:toxicity": "input.toxicity",
  "topics:topics": "topics",
  "documents:document_injection": "documents.injection",
  "out_of_scope:out_of_scope": "outOfScope",
  "output:pii": "output.pii",
  "output:toxicity": "output.toxicity",
  "output:groundedness": "output.groundedness",
};

/** Every rule a verdict can name, for choosing one in the audit console's filter. */
export const RULE_NAMES: readonly string[] = [...PII_DETECTORS.map((name) => `input.pii.${name}`), ...Object.values(RULE_PATHS)];

/** Where in the policy the rule behind a check lives; personal-data checks on questions are one rule per detector. */
function rulePath(stage: GuardStage, check: string): string {
  return RULE_PATHS[`${stage}:${check}`] ?? (stage === "input" ? `input.pii.${check}` : `${stage}.${check}`);
}

/** Whether a rule changes anything for this text: enabled, found something, not a trial. */
export function enforces(rule: GuardRule, findings: Finding[]): boolean {
  return rule.enabled && !rule.shadow && findings.length > 0;
}
