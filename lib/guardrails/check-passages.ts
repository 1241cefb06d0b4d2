import { builtInDetectors } from "@/lib/guardrails/detectors";
import type { PolicyRules } from "@/lib/guardrails/policy";
import { enforces, verdictOf, type Verdict } from "@/lib/guardrails/verdicts";

/**
 * Indirect prompt injection: each retrieved passage is scanned for instructions planted in it before
 * it may reach a prompt, an extractive answer or a citation. A poisoned passage is withheld (unless
 * the rule is on trial) and its verdict names the chunk.
 */
export function checkPassages<Passage extends { chunkId: string; content: string }>(
  rules: PolicyRules,
  passages: Passage[],
): { usable: Passage[]; verdicts: Verdict[] } {
  const rule = rules.documents.injection;
  if (!rule.enabled) return { usable: passages, verdicts: [] };
  const detector = builtInDetectors.document_injection!.detector;
  const verdicts: Verdict[] = [];
  const usable = passages.filter((passage) => {
    const findings = detector.scan(passage.content);
    if (findings.length === 0) return true;
    verdicts.push(verdictOf("documents", "document_injection", rule, findings, passage.chunkId));
    return !(rule.action === "withhold" && enforces(rule, findings));
  });
  return { usable, verdicts };
}
