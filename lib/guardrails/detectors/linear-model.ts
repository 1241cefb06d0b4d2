import { z } from "zod";
import { FEATURE_SCHEME, featureBuckets, featureValue } from "@/lib/guardrails/detectors/text-features";

/** A logistic-regression model as committed in lib/guardrails/models (written by scripts/train-guardrail-models.ts). */
const linearModelFileSchema = z.object({
  name: z.string(),
  features: z.literal(FEATURE_SCHEME),
  bits: z.number().int().min(8).max(24),
  bias: z.number(),
  /** Probability at or above which the model's answer is "yes". */
  threshold: z.number().min(0).max(1),
  scale: z.number().positive(),
  /** What the model was trained on and how it scored, for whoever reads the file (see also manifest.json). */
  provenance: z.record(z.string(), z.unknown()),
  /** Non-zero weights as [bucket, weight × `scale`, rounded], in bucket order: one pair per line in the file. */
  weights: z.array(z.tuple([z.number().int().nonnegative(), z.number()])),
});

export type LinearModelFile = z.infer<typeof linearModelFileSchema>;

export type LinearModel = { name: string; threshold: number; probability(text: string): number };

/** A committed model file, checked: a file written for another feature scheme or bucket count fails here, at start-up. */
export function loadLinearModel(content: unknown): LinearModel {
  const parsed = linearModelFileSchema.safeParse(content);
  if (!parsed.success)
    throw new Error(
      `guardrails: invalid model file (${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}); retrain with npm run train:guardrails`,
    );
  const file = parsed.data;
  const weights = new Float32Array(1 << file.bits);
  for (const [bucket, weight] of file.weights) {
    if (bucket >= weights.length) throw new Error(`guardrails: model ${file.name} has a weight for bucket ${bucket}, beyond its ${file.bits} bits`);
    weights[bucket] = weight / file.scale;
  }
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
