import { config } from "@/lib/config";
import { checkPassages } from "@/lib/guardrails/check-passages";
import { checkQuestion, type QuestionCheck, type Refusal } from "@/lib/guardrails/check-question";
import { shippedInjectionModels } from "@/lib/guardrails/detectors/injection";
import { INJECTION_THRESHOLD, injectionConfidence } from "@/lib/guardrails/detectors/injection-scoring";
import { finding, type Finding } from "@/lib/guardrails/findings";
import { createJudge, type Judge, type JudgeResult } from "@/lib/guardrails/judge/judge";
import type { JudgeCategory } from "@/lib/guardrails/judge/prompt";
import type { PolicyRules } from "@/lib/guardrails/policy";
import { redact } from "@/lib/guardrails/redact";
import { REFUSALS, type Language } from "@/lib/guardrails/refusals";
import { enforces, verdictOf, type JudgeCall, type Verdict } from "@/lib/guardrails/verdicts";

/**
 * The guardrails of a chat turn with the model-backed second layer: the local detectors first
 * (check-question.ts, check-passages.ts), then, when a judge is configured and the policy's judge rule
 * is on, the judge for what the local layer is unsure about (or everything, by policy). The judge
 * reads the question as redacted by the policy, never the personal data the local layer removed.
 */

/** Local injection evidence from here up to the detector's threshold is "uncertain": a second opinion is worth its cost. */
export const UNCERTAIN_FROM = 0.25;

let configured: Judge | null | undefined;

/** The judge of this deployment's configuration (GUARDRAIL_JUDGE_*), or null. */
export function configuredJudge(): Judge | null {
  if (configured === undefined) {
    const settings = config().judge;
    configured = settings ? createJudge(settings) : null;
  }
  return configured;
}

/** Whether the local layer is unsure about a text: some injection evidence, not enough to decide. */
export function locallyUncertain(text: string, retrievedContent: boolean): boolean {
  const evidence = injectionConfidence(text, shippedInjectionModels, retrievedContent);
  return evidence >= UNCERTAIN_FROM && evidence < INJECTION_THRESHOLD;
}

export async function screenQuestion(
  rules: PolicyRules,
  question: string,
  language: Language,
  judge: Judge | null = configuredJudge(),
): Promise<QuestionCheck> {
  const local = checkQuestion(rules, question, language);
  const rule = rules.judge;
  if (!judge || !rule.enabled || local.refusal) return local;
  if (rule.send === "uncertain" && !locallyUncertain(question, false)) return local;
  const result = await judge.judge("question", local.text);
  const verdicts = [...local.verdicts, verdictOf("input", "judge", rule, judgeFindings(result, local.text), undefined, judgeCall(result))];
  let refusal: Refusal | null = null;
  if (result.outcome !== "verdict") {
    if (rule.onFailure === "block" && !rule.shadow) refusal = { check: "judge", message: REFUSALS.judgeUnavailable[language] };
  } else if (result.unsafe && rule.action === "block" && !rule.shadow) {
    refusal = { check: "judge", message: REFUSALS[refusalFor(result.categories)][language] };
  }
  const names = namesOf(result, local.text);
  const nameRule = rules.input.pii.person_name;
  if (names.length === 0 || !nameRule.enabled) return { ...local, verdicts, refusal };
  verdicts.push(verdictOf("input", "person_name", nameRule, names));
  const style = nameRule.action;
  const text = enforces(nameRule, names) && (style === "redact" || style === "mask") ? redact(local.text, names, () => style) : local.text;
  return { text, verdicts, refusal };
}

/**
 * Passages after the local check, and after the judge for those it is asked about. A passage the
 * judge finds unsafe is withheld like one the local layer caught (unless the rule is on trial); one
 * it could not judge is withheld only when the policy fails closed.
 */
export async function screenPassages<Passage extends { chunkId: string; content: string }>(
  rules: PolicyRules,
  passages: Passage[],
  judge: Judge | null = configuredJudge(),
): Promise<{ usable: Passage[]; verdicts: Verdict[] }> {
  const local = checkPassages(rules, passages);
  const rule = rules.judge;
  if (!judge || !rule.enabled) return local;
  const asked = local.usable.filter((passage) => rule.send === "all" || locallyUncertain(passage.content, true));
  if (asked.length === 0) return local;
  const results = new Map(await Promise.all(asked.map(async (passage) => [passage, await judge.judge("passage", passage.content)] as const)));
  const verdicts = [...local.verdicts];
  const usable = local.usable.filter((passage) => {
    const result = results.get(passage);
    if (!result) return true;
    verdicts.push(verdictOf("documents", "judge", rule, judgeFindings(result, passage.content), passage.chunkId, judgeCall(result)));
    if (rule.shadow) return true;
    if (result.outcome !== "verdict") return rule.onFailure !== "block";
    return !(result.unsafe && rule.action === "block");
  });
  return { usable, verdicts };
}

const FINDING_TYPES: Record<JudgeCategory, string> = {
  prompt_injection: "PROMPT_INJECTION",
  jailbreak: "JAILBREAK",
  harmful_request: "HARMFUL_REQUEST",
  toxicity: "TOXICITY",
};

/** The judge speaks about the whole text: one finding per category it named, over the whole text. */
function judgeFindings(result: JudgeResult, text: string): Finding[] {
  if (result.outcome !== "verdict" || !result.unsafe) return [];
  const categories = result.categories.length > 0 ? result.categories : (["prompt_injection"] as const);
  return categories.map((category) => finding("judge", FINDING_TYPES[category], text, 0, text.length, result.confidence));
}

/** Every occurrence of the names the judge listed (a name it invented, absent from the text, finds nothing). */
function namesOf(result: JudgeResult, text: string): Finding[] {
  const findings: Finding[] = [];
  for (const name of new Set(result.personNames)) {
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length)) {
      findings.push(finding("person_name", "PERSON", text, at, at + name.length, 0.7, "judge"));
    }
  }
  return findings;
}

function judgeCall(result: JudgeResult): JudgeCall {
  const { model, promptVersion, outcome, unsafe, categories, confidence, latencyMs, tokensIn, tokensOut } = result;
  return { model, promptVersion, outcome, unsafe, categories, confidence, latencyMs, tokensIn, tokensOut };
}

function refusalFor(categories: JudgeCategory[]): keyof typeof REFUSALS {
  if (categories.includes("harmful_request")) return "harmful";
  if (categories.includes("toxicity") && !categories.includes("prompt_injection") && !categories.includes("jailbreak")) return "toxicity";
  return "promptInjection";
}
