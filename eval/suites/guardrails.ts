import { evaluateInjection } from "@/eval/guardrails/injection";
import { evaluateJudge } from "@/eval/guardrails/judge";
import { evaluatePii } from "@/eval/guardrails/pii";
import { evaluateToxicity } from "@/eval/guardrails/toxicity";

// Guardrail detectors on the labelled sets under <data>/pii, <data>/prompt_injection and
// <data>/toxicity. Rows are classified by their fields, never by file name (see the helpers), so
// the suite runs unchanged on held-out files of the same layout.
export const name = "guardrails";

export async function run(dataDir: string): Promise<Record<string, unknown>> {
  return { injection: evaluateInjection(dataDir), pii: evaluatePii(dataDir), toxicity: evaluateToxicity(dataDir), judge: await evaluateJudge(dataDir) };
}
