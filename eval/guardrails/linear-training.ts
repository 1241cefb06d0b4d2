import type { LinearModel, LinearModelFile } from "@/lib/guardrails/detectors/linear-model";
import { FEATURE_SCHEME, hashedFeatures } from "@/lib/guardrails/detectors/text-features";

/**
 * Training of the small logistic-regression models the guardrail detectors ship (toxicity, the
 * injection classifier), shared by scripts/train-guardrail-models.ts, which writes the committed
 * models, and by the eval, which retrains the injection classifier with one family of attacks left
 * out to measure how the detector does on a family it never saw.
 */
export type Example = { text: string; positive: boolean };
export type Encoded = { features: Map<number, number>; positive: boolean };
export type Weights = { weights: Float64Array; bias: number };
export type Metrics = { precision: number; recall: number; f1: number; n: number; positives: number };

export const BITS = 18;
/** Non-zero weights kept in a shipped model: enough for the scores to hold, small enough to review. */
const KEPT_WEIGHTS = 40_000;
const SCALE = 1000;
const EPOCHS = 8;
const LEARNING_RATE = 0.4;
const L2 = 1e-6;

export function encode(example: Example): Encoded {
  return { features: hashedFeatures(example.text, BITS), positive: example.positive };
}

/** Logistic regression by AdaGrad SGD with L2, classes weighted to count equally. */
export function train(examples: Encoded[]): Weights {
  const weights = new Float64Array(1 << BITS);
  const squaredGradients = new Float64Array(1 << BITS).fill(1e-8);
  let bias = 0;
  let biasSquaredGradient = 1e-8;
  const positives = examples.filter((e) => e.positive).length;
  const positiveWeight = examples.length / (2 * Math.max(1, positives));
  const negativeWeight = examples.length / (2 * Math.max(1, examples.length - positives));
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    for (const i of shuffled(examples.length, 7 + epoch)) {
      const { features, positive } = examples[i]!;
      const predicted = probability({ weights, bias }, features);
      const error = (predicted - (positive ? 1 : 0)) * (positive ? positiveWeight : negativeWeight);
      for (const [bucket, value] of features) {
        const gradient = error * value + L2 * weights[bucket]!;
        squaredGradients[bucket]! += gradient * gradient;
        weights[bucket]! -= (LEARNING_RATE * gradient) / Math.sqrt(squaredGradients[bucket]!);
      }
      biasSquaredGradient += error * error;
      bias -= (LEARNING_RATE * error) / Math.sqrt(biasSquaredGradient);
    }
  }
  return { weights, bias };
}

/** The model as it will ship: only the largest weights, rounded to 1/SCALE. */
export function pruned({ weights, bias }: Weights): Weights {
  const magnitudes = Array.from(weights, Math.abs).sort((a, b) => b - a);
  const cutoff = Math.max(magnitudes[KEPT_WEIGHTS - 1] ?? 0, 0.5 / SCALE);
  const kept = weights.map((w) => (Math.abs(w) >= cutoff ? Math.round(w * SCALE) / SCALE : 0));
  return { weights: kept, bias: Math.round(bias * SCALE) / SCALE };
}

export function probability({ weights, bias }: Weights, features: Map<number, number>): number {
  let logit = bias;
  for (const [bucket, value] of features) logit += weights[bucket]! * value;
  return 1 / (1 + Math.exp(-logit));
}

/** A trained model in the shape the detectors use, without writing it to a file. */
export function asLinearModel(name: string, trained: Weights, threshold: number): LinearModel {
  return { name, threshold, probability: (text) => probability(trained, hashedFeatures(text, BITS)) };
}

/**
 * The threshold (in steps of 0.05) with the best F-beta on held-out scores. beta < 1 favours
 * precision: the toxicity sets are mostly toxic, while real questions and answers almost never are,
 * so at deployment a false alarm (a withheld answer) is far likelier than a miss.
 */
export function bestThreshold(scores: number[], examples: { positive: boolean }[], beta = 1): number {
  let best = { threshold: 0.5, score: -1 };
  for (let t = 0.2; t <= 0.8001; t += 0.05) {
    const { precision, recall } = metrics(scores, examples, t);
    const b2 = beta * beta;
    const score = precision + recall === 0 ? 0 : ((1 + b2) * precision * recall) / (b2 * precision + recall);
    if (score > best.score) best = { threshold: Math.round(t * 100) / 100, score };
  }
  return best.threshold;
}

export function metrics(scores: number[], examples: { positive: boolean }[], threshold: number): Metrics {
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  scores.forEach((score, i) => {
    const predicted = score >= threshold;
    const actual = examples[i]!.positive;
    if (predicted && actual) truePositives++;
    else if (predicted) falsePositives++;
    else if (actual) falseNegatives++;
  });
  const precision = truePositives / Math.max(1, truePositives + falsePositives);
  const recall = truePositives / Math.max(1, truePositives + falseNegatives);
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    precision: round(precision),
    recall: round(recall),
    f1: round((2 * precision * recall) / Math.max(1e-9, precision + recall)),
    n: examples.length,
    positives: truePositives + falseNegatives,
  };
}

/**
 * The committed form: non-zero weights as [bucket, weight × scale] pairs, one pair per line once
 * pretty-printed (see formatModelFile), so a retrained model's diff shows which features moved.
 */
export function serialise(name: string, { weights, bias }: Weights, threshold: number, provenance: Record<string, unknown>): LinearModelFile {
  const pairs: [number, number][] = [];
  weights.forEach((weight, index) => {
    if (weight !== 0) pairs.push([index, Math.round(weight * SCALE)]);
  });
  return { name, features: FEATURE_SCHEME, bits: BITS, bias, threshold, scale: SCALE, provenance, weights: pairs };
}

/** JSON with two-space indentation, except that each [bucket, weight] pair stays on one line. */
export function formatModelFile(model: LinearModelFile): string {
  const { weights, ...rest } = model;
  const head = JSON.stringify(rest, null, 2).replace(/\n}$/, "");
  const body = weights.map(([bucket, weight]) => `    [${bucket}, ${weight}]`).join(",\n");
  return `${head},\n  "weights": [\n${body}\n  ]\n}\n`;
}

/** 0..n-1 in a fixed pseudo-random order (mulberry32), so training is reproducible. */
export function shuffled(n: number, seed: number): number[] {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

export type CrossValidated = { model: Weights; threshold: number; outOfFold: number[]; encoded: Encoded[] };

/**
 * Cross-validates on the labelled rows (extra negatives are always in training, never scored, so the
 * figures stay comparable with the eval's), picks the threshold on the out-of-fold scores, then
 * trains the shipped (pruned) model on everything.
 */
export function crossValidatedTraining(labelled: Example[], extraNegatives: Example[], folds: number, thresholdBeta = 1): CrossValidated {
  const encoded = labelled.map(encode);
  const extra = extraNegatives.map(encode);
  const order = shuffled(encoded.length, 20260601);
  const outOfFold = new Array<number>(encoded.length);
  for (let fold = 0; fold < folds; fold++) {
    const testing = new Set(order.filter((_, i) => i % folds === fold));
    const trained = pruned(train([...encoded.filter((_, i) => !testing.has(i)), ...extra]));
    for (const i of testing) outOfFold[i] = probability(trained, encoded[i]!.features);
  }
  const threshold = bestThreshold(outOfFold, encoded, thresholdBeta);
  return { model: pruned(train([...encoded, ...extra])), threshold, outOfFold, encoded };
}
