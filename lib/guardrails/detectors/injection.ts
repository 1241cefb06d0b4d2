import { INJECTION_THRESHOLD, classifierEvidence, foldForInjection, injectionRules, scoreInjection } from "@/lib/guardrails/detectors/injection-scoring";
import { loadLinearModel, type LinearModel } from "@/lib/guardrails/detectors/linear-model";
import { finding, type Detector, type Finding } from "@/lib/guardrails/findings";
import injectionModelFile from "@/lib/guardrails/models/injection.json";

/** The committed injection classifier (lib/guardrails/models/injection.json). */
export const shippedInjectionModel = loadLinearModel(injectionModelFile);

export type InjectionDetectorOptions = {
  /**
   * The text is retrieved content (a document, an e-mail, a web page), not the user's own request:
   * instructions aimed at the assistant's answer ("include … in your response") then count too.
   */
  retrievedContent?: boolean;
  /** A classifier whose opinion adds to the rules' evidence (default: the committed injection model). */
  model?: LinearModel | null;
};

/**
 * Prompt injection and jailbreak detector for English and Korean. The text is de-obfuscated first
 * (full-width and look-alike letters, zero-width characters, spaced-out letters, leetspeak) and base64
 * runs that decode to text are scanned too. Hand-written signals (see injection-rules.ts) are the
 * backbone; a small classifier trained on labelled attacks adds bounded evidence where the rules already
 * see something (MODEL_GATE), so it can confirm a weakly signalled attack but never flags a text on its
 * own. Every signal of a text that
 * reaches the threshold is reported with the combined confidence, typed PROMPT_INJECTION or JAILBREAK.
 */
export function createInjectionDetector(name: string, options: InjectionDetectorOptions = {}): Detector {
  const rules = injectionRules(options.retrievedContent ?? false);
  const model = options.model === undefined ? shippedInjectionModel : options.model;
  return {
    name,
    scan(text: string): Finding[] {
      const folded = foldForInjection(text);
      const modelEvidence = () => (model ? classifierEvidence(model, folded.text) : 0);
      return scoreInjection(text, folded, rules, modelEvidence)
        .filter(({ confidence }) => confidence >= INJECTION_THRESHOLD)
        .map(({ hit, confidence }) => finding(name, hit.rule.kind, text, hit.start, hit.end, confidence, hit.rule.id));
    },
  };
}

/** Direct injection in a user's message. */
export const promptInjectionDetector = createInjectionDetector("prompt_injection");

/** Indirect injection in retrieved documents, where any instruction to the assistant is out of place. */
export const documentInjectionDetector = createInjectionDetector("document_injection", { retrievedContent: true });
