import path from "node:path";
import { injectionRowKind, readInjectionRows } from "@/eval/guardrails/injection-rows";
import { train, type Example, type Weights } from "@/eval/guardrails/linear-training";
import { directInjectionRows, injectionProseNegatives } from "@/eval/guardrails/training-data";
import { readJsonlFolder } from "@/eval/jsonl";
import { CUE_FEATURES, CUE_SCHEME, cueFeatures, loadCueModel, type CueModelFile } from "@/lib/guardrails/detectors/injection-cues";
import { CUE_MAX_CHARS, foldForInjection } from "@/lib/guardrails/detectors/injection-scoring";
import type { LinearModel } from "@/lib/guardrails/detectors/linear-model";

/**
 * Training of the cue model (lib/guardrails/detectors/injection-cues.ts): logistic regression over
 * the word-class features of short messages. Its opinion only counts above this probability, so the
 * threshold is fixed rather than fitted: the model confirms weak rule evidence, it does not decide.
 */
const CUE_THRESHOLD = 0.5;
const SCALE = 1000;

/** A row the team wrote (eval/guardrails/authored/<folder>): attacks of the short families and hard negatives. */
export type AuthoredRow = { text: string; lang: string; category: string; is_attack: boolean };

export function readAuthoredRows(folder: string): AuthoredRow[] {
  return readJsonlFolder<AuthoredRow>(path.join(import.meta.dirname, "authored", folder));
}

/**
 * What the cue model learns from, short messages only (CUE_MAX_CHARS, as it is applied): direct attacks
 * and benign messages of <data>/prompt_injection except the family left out, requests for harmful
 * content as negatives (a command is not an attack by itself), the team's tuning set (short attack
 * families and hard negatives), and prose sentences as negatives.
 */
export function cueTrainingExamples(dataDir: string, leftOutFamily?: string): Example[] {
  const folded = (text: string) => foldForInjection(text).text;
  const direct = directInjectionRows(dataDir)
    .filter((row) => row.family !== leftOutFamily)
    .map((row) => ({ text: folded(row.text), positive: row.attack }));
  const harmful = readInjectionRows(dataDir)
    .filter((row) => injectionRowKind(row) === "harmful")
    .map((row) => ({ text: folded(row.text), positive: false }));
  const tuning = readAuthoredRows("tuning").map((row) => ({ text: folded(row.text), positive: row.is_attack }));
  return [...direct, ...harmful, ...tuning, ...injectionProseNegatives(dataDir)].filter((example) => example.text.length <= CUE_MAX_CHARS);
}

/** The cue model as committed: a weight per feature name, rounded to 1/SCALE. */
export function trainCueModel(name: string, examples: Example[], provenance: Record<string, unknown>): CueModelFile {
  const { weights, bias }: Weights = train(examples.map((e) => ({ features: new Map(cueFeatures(e.text).map((index) => [index, 1])), positive: e.positive })));
  const round = (x: number) => Math.round(x * SCALE) / SCALE;
  const named = CUE_FEATURES.flatMap((feature, index) => (round(weights[index]!) === 0 ? [] : [[feature, round(weights[index]!)] as const]));
  return { name, features: CUE_SCHEME, bias: round(bias), threshold: CUE_THRESHOLD, provenance, weights: Object.fromEntries(named) };
}

/** A cue model trained without one family, loaded as the detector loads the committed one. */
export function cueModelWithout(dataDir: string, family: string): LinearModel {
  return loadCueModel(trainCueModel(`cues-without-${family}`, cueTrainingExamples(dataDir, family), {}));
}
