import { loadCueModel } from "@/lib/guardrails/detectors/injection-cues";
import {
  INJECTION_THRESHOLD,
  foldForInjection,
  injectionRules,
  modelEvidence,
  scoreInjection,
  type InjectionModels,
} from "@/lib/guardrails/detectors/injection-scoring";
import { loadLinearModel } from "@/lib/guardrails/detectors/linear-model";
import { finding, type Detector, type Finding } from "@/lib/guardrails/findings";
import cueModelFile from "@/lib/guardrails/models/injection-cues.json";
import injectionModelFile from "@/lib/guardrails/models/injection.json";

/** The committed classifiers: n-grams (lib/guardrails/models/injection.json) and word classes (injection-cues.json). */
export const shippedInjectionModels: InjectionModels = { ngrams: loadLinearModel(injectionModelFile), cues: loadCueModel(cueModelFile) };

export type InjectionDetectorOptions = {
  /**
   * The text is retrieved content (a document, an e-mail, a web page), not the user's own request:
   * instructions aimed at the assistant's answer ("include … in your response") then count too.
   */
  retrievedContent?: boolean;
  /** Classifiers whose opinions add to the rules' evidence (default: the committed ones). */
  models?: InjectionModels;
};

/**
 * Prompt injection and jailbreak detector for English and Korean. The text is de-obfuscated first
 * (full-width and look-alike letters, zero-width characters, spaced-out letters, leetspeak) and base64
 * runs that decode to text are scanned too. Hand-written signals (see injection-rules.ts) are the
 * backbone; two small classifiers trained on labelled attacks add bounded evidence where the rules
 * already see something (MODEL_GATE), so they can confirm a weakly signalled attack but never flag a
 * text on their own: one reads character and word n-grams, the other the combination of word classes
 * an instruction to the assistant is made of (injection-cues.ts), which carries over to wordings no
 * rule or n-gram has seen. Every signal of a text that
 * reaches the threshold is reported with the combined confidence, typed PROMPT_INJECTION or JAILBREAK.
 */
export function createInjectionDetector(name: string, options: InjectionDetectorOptions = {}): Detector {
  const rules = injectionRules(options.retrievedContent ?? false);
  const models = options.models ?? shippedInjectionModels;
  return {
    name,
    scan(text: string): Finding[] {
      const folded = foldForInjection(text);
      return scoreInjection(text, folded, rules, () => modelEvidence(models, folded.text))
        .filter(({ confidence }) => confidence >= INJECTION_THRESHOLD)
        .map(({ hit, confidence }) => finding(name, hit.rule.kind, text, hit.start, hit.end, confidence, hit.rule.id));
    },
  };
}

/** Direct injection in a user's message. */
export const promptInjectionDetector = createInjectionDetector("prompt_injection");

/** Indirect injection in retrieved documents, where any instruction to the assistant is out of place. */
export const documentInjectionDetector = createInjectionDetector("document_injection", { retrievedContent: true });
