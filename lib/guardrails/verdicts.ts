import type { Finding } from "@/lib/guardrails/findings";
import type { GuardRule } from "@/lib/guardrails/policy";

export type GuardStage = "input" | "topics" | "documents" | "out_of_scope" | "output";

/**
 * What one check decided, as the decision record keeps it. Findings carry their type, place and
 * confidence but never the matched text: the record must not become a copy of the personal data
 * it documents. `applied` is false when the rule is in shadow mode (or its action is "allow").
 */
export type Verdict = {
  stage: GuardStage;
  check: string;
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
    action: rule.action,
    applied: !rule.shadow && rule.action !== "allow",
    shadow: rule.shadow,
    findings: findings.map(({ type, start, end, confidence, rule: firedRule }) => ({ type, start, end, confidence, ...(firedRule ? { rule: firedRule } : {}) })),
    ...(chunkId ? { chunkId } : {}),
    ...(judge ? { judge } : {}),
  };
}

/** Whether a rule changes anything for this text: enabled, found something, not a trial. */
export function enforces(rule: GuardRule, findings: Finding[]): boolean {
  return rule.enabled && !rule.shadow && findings.length > 0;
}
