import { FEATURE_SCHEME, featureBuckets, featureValue } from "@/lib/guardrails/detectors/text-features";

/** A logistic-regression model as committed in lib/guardrails/models (written by scripts/train-guardrail-models.ts). */
export type LinearModelFile = {
  name: string;
  features: typeof FEATURE_SCHEME;
  bits: number;
  bias: number;
  /** Probability at or above which the model's answer is "yes". */
  threshold: number;
  /** Non-zero weights: bucket indices as gaps from the previous index, and weights × `scale`, rounded. */
  gaps: number[];
  weights: number[];
  scale: number;
  /** What the model was trained on and how it scored in cross-validation, for whoever reads the file. */
  provenance: Record<string, unknown>;
};

export type LinearModel = { name: string; threshold: number; probability(text: string): number };

export function loadLinearModel(file: LinearModelFile): LinearModel {
  if (file.features !== FEATURE_SCHEME) throw new Error(`guardrails: model ${file.name} uses features ${file.features}, code has ${FEATURE_SCHEME}`);
  const weights = new Float32Array(1 << file.bits);
  let index = 0;
  file.gaps.forEach((gap, i) => {
    index += gap;
    weights[index] = file.weights[i]! / file.scale;
  });
  return {
    name: file.name,
    threshold: file.threshold,
    probability(text: string): number {
      const buckets = featureBuckets(text, file.bits);
      let sum = 0;
      for (const bucket of buckets) sum += weights[bucket]!;
      return 1 / (1 + Math.exp(-(file.bias + sum * featureValue(buckets.length))));
    },
  };
}
