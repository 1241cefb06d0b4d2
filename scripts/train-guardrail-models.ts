// npx tsx scripts/train-guardrail-models.ts [--data <dir>]: trains the small logistic-regression
// models the guardrail detectors use (toxicity in English and Korean; the injection classifier that
// backs up the injection rules) on the labelled development data (default ../shared/eval or
// $LORE_EVAL_DATA) and writes them to lib/guardrails/models/*.json.
//
// Toxicity rows come from social media, where most text is informal and a large share is toxic; a
// model trained on them alone learns that formal text is "unusual" and flags encyclopaedic or business
// prose. So sentences of the retrieval passages (<data>/retrieval_qa corpora: Wikipedia prose, plainly
// not toxic) are added as negatives. Questions of those sets are never used, so the eval can measure
// the false-positive rate on them.
//
// Honest figures: each model is first scored by 5-fold cross-validation (train on four fifths, score
// the fifth, with the same pruning as the shipped model); those out-of-fold figures are printed and
// stored in the model file. Figures from `npm run eval` on the same development data are training-set
// figures and flatter the model.
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { injectionRowKind, readInjectionRows } from "@/eval/guardrails/injection-rows";
import { readJsonlFolder } from "@/eval/jsonl";
import { INJECTION_THRESHOLD, MODEL_GATE, classifierEvidence, foldForInjection, ruleEvidence } from "@/lib/guardrails/detectors/injection-scoring";
import type { LinearModelFile } from "@/lib/guardrails/detectors/linear-model";
import { FEATURE_SCHEME, hashedFeatures } from "@/lib/guardrails/detectors/text-features";

type Example = { text: string; positive: boolean };
type Encoded = { features: Map<number, number>; positive: boolean };
type Weights = { weights: Float64Array; bias: number };
type Metrics = { precision: number; recall: number; f1: number; n: number; positives: number };

const BITS = 18;
/** Non-zero weights kept in a shipped model: enough for the scores to hold, small enough to commit. */
const KEPT_WEIGHTS = 40_000;
const SCALE = 1000;
const FOLDS = 5;
const EPOCHS = 8;
const LEARNING_RATE = 0.4;
const L2 = 1e-6;

const { values } = parseArgs({ options: { data: { type: "string" } }, allowPositionals: true });
const dataDir = path.resolve(values.data ?? process.env.LORE_EVAL_DATA ?? "../shared/eval");
if (!existsSync(dataDir)) throw new Error(`train-guardrail-models: no data folder at ${dataDir}`);
const modelsDir = path.join(import.meta.dirname, "..", "lib", "guardrails", "models");

type ToxicityRow = { text?: unknown; is_toxic?: unknown; lang?: unknown };
const toxicityRows = readJsonlFolder<ToxicityRow>(path.join(dataDir, "toxicity")).filter(
  (row): row is { text: string; is_toxic: boolean; lang: string } => typeof row.text === "string" && typeof row.is_toxic === "boolean" && typeof row.lang === "string",
);

/**
 * Prose negatives per language: enough to teach "formal is fine" without drowning the labelled rows.
 * Korean has fewer labelled rows, and more prose cost it recall in cross-validation.
 */
const PROSE_NEGATIVES = { en: 3000, ko: 500 };
const proseSentences = readJsonlFolder<{ text?: unknown; question?: unknown }>(path.join(dataDir, "retrieval_qa"))
  .flatMap((row) => (typeof row.text === "string" && row.question === undefined ? row.text.split(/(?<=[.!?])\s+/) : []))
  .filter((sentence) => sentence.length >= 20);
const isKorean = (text: string) => (text.match(/\p{Script=Hangul}/gu)?.length ?? 0) >= text.length * 0.3;

/**
 * Short benign fragments: headings, titles and the first few words of ordinary sentences. With few
 * features a short text's score rests on single n-grams, so without such examples a heading such as
 * "Working hours" scored as toxic for sharing letters with a slur. Passage titles and 2-6-word openings
 * of prose sentences teach the model that brevity alone is not a signal.
 */
const FRAGMENT_NEGATIVES = { en: 1500, ko: 400 };
const titles = [
  ...new Set(
    readJsonlFolder<{ title?: unknown; question?: unknown }>(path.join(dataDir, "retrieval_qa"))
      .flatMap((row) => (typeof row.title === "string" && row.question === undefined ? [row.title.replace(/_/g, " ")] : [])),
  ),
];
const openings = proseSentences.map((sentence, i) => sentence.split(/\s+/).slice(0, 2 + (i % 5)).join(" "));
const fragments = [...titles, ...openings];

for (const lang of ["en", "ko"] as const) {
  const labelled = toxicityRows.filter((row) => row.lang === lang).map((row) => ({ text: row.text, positive: row.is_toxic }));
  const prose = proseSentences.filter((sentence) => isKorean(sentence) === (lang === "ko"));
  const short = fragments.filter((fragment) => isKorean(fragment) === (lang === "ko"));
  const negatives = [
    ...shuffled(prose.length, 99).slice(0, PROSE_NEGATIVES[lang]).map((i) => ({ text: prose[i]!, positive: false })),
    ...shuffled(short.length, 7).slice(0, FRAGMENT_NEGATIVES[lang]).map((i) => ({ text: short[i]!, positive: false })),
  ];
  const name = `toxicity-${lang}`;
  const model = trainAndDescribe(name, labelled, negatives, {
    task: "toxic vs. not toxic",
    lang,
    source: "rows of <data>/toxicity with this lang and an is_toxic label, plus sentences, titles and short sentence openings of <data>/retrieval_qa passages as negatives",
    threshold: "best out-of-fold F0.5 (precision-weighted)",
  }, undefined, 0.5);
  writeFileSync(path.join(modelsDir, `${name}.json`), JSON.stringify(model) + "\n");
  console.log(`wrote lib/guardrails/models/${name}.json (${model.weights.length} weights)`);
}

// The injection classifier: direct attacks (injection and jailbreak rows) against benign messages,
// with prose sentences as extra negatives. It reads the same de-obfuscated text as the rules. What
// matters is how it changes the detector, so the cross-validation also reports the rules alone and
// rules plus the out-of-fold classifier, per language.
{
  const rows = readInjectionRows(dataDir).filter((row) => ["attack", "benign"].includes(injectionRowKind(row)));
  const labelled = rows.map((row) => ({ text: foldForInjection(row.text).text, positive: injectionRowKind(row) === "attack" }));
  const prose = (["en", "ko"] as const).flatMap((lang) => {
    const sentences = proseSentences.filter((sentence) => isKorean(sentence) === (lang === "ko"));
    return shuffled(sentences.length, 123).slice(0, 1000).map((i) => ({ text: foldForInjection(sentences[i]!).text, positive: false }));
  });
  const rulesAlone = rows.map((row) => ruleEvidence(row.text));
  const describe = (scores: number[], threshold: number) => {
    const model = (probability: number) => ({ name: "out-of-fold", threshold, probability: () => probability });
    const detected = (i: number, withModel: boolean) => {
      if (rulesAlone[i]! < MODEL_GATE) return rulesAlone[i]! >= INJECTION_THRESHOLD;
      const extra = withModel ? classifierEvidence(model(scores[i]!), "") : 0;
      return 1 - (1 - rulesAlone[i]!) * (1 - extra) >= INJECTION_THRESHOLD;
    };
    const byLang = (withModel: boolean) =>
      Object.fromEntries(
        [...new Set(rows.map((row) => row.lang ?? "unknown"))].sort().map((lang) => {
          const indices = rows.map((row, i) => ({ row, i })).filter(({ row }) => row.lang === lang);
          const attacks = indices.filter(({ row }) => injectionRowKind(row) === "attack");
          const benign = indices.filter(({ row }) => injectionRowKind(row) === "benign");
          const rate = (items: typeof indices) => (items.length ? Math.round((items.filter(({ i }) => detected(i, withModel)).length / items.length) * 1000) / 1000 : null);
          return [lang, { tpr: rate(attacks), fpr: rate(benign), n_attacks: attacks.length, n_benign: benign.length }];
        }),
      );
    const figures = { rules_alone: byLang(false), rules_with_out_of_fold_model: byLang(true) };
    console.log("injection detector, 5-fold CV:", JSON.stringify(figures));
    return { detector_cross_validation: figures };
  };
  const model = trainAndDescribe("injection", labelled, prose, { task: "direct injection or jailbreak vs. benign message", source: "attack and benign rows of <data>/prompt_injection, plus prose sentences of <data>/retrieval_qa as negatives" }, describe);
  writeFileSync(path.join(modelsDir, "injection.json"), JSON.stringify(model) + "\n");
  console.log(`wrote lib/guardrails/models/injection.json (${model.weights.length} weights)`);
}

/**
 * Cross-validates on the labelled rows (the extra negatives are always in training, never scored, so
 * the figures stay comparable with the eval's), picks the threshold, then trains on everything.
 */
function trainAndDescribe(
  name: string,
  labelled: Example[],
  extraNegatives: Example[],
  about: Record<string, unknown>,
  describeOutOfFold: (scores: number[], threshold: number) => Record<string, unknown> = () => ({}),
  thresholdBeta = 1,
): LinearModelFile {
  const encode = (example: Example) => ({ features: hashedFeatures(example.text, BITS), positive: example.positive });
  const encoded = labelled.map(encode);
  const extra = extraNegatives.map(encode);
  const order = shuffled(encoded.length, 20260601);
  const outOfFold = new Array<number>(encoded.length);
  for (let fold = 0; fold < FOLDS; fold++) {
    const testing = new Set(order.filter((_, i) => i % FOLDS === fold));
    const trained = pruned(train([...encoded.filter((_, i) => !testing.has(i)), ...extra]));
    for (const i of testing) outOfFold[i] = probability(trained, encoded[i]!.features);
  }
  const threshold = bestThreshold(outOfFold, encoded, thresholdBeta);
  const crossValidated = metrics(outOfFold, encoded, threshold);
  console.log(`${name}: ${encoded.length} labelled rows + ${extra.length} prose negatives, threshold ${threshold}, 5-fold CV`, crossValidated);
  const final = pruned(train([...encoded, ...extra]));
  return serialise(name, final, threshold, {
    ...about,
    labelled_rows: encoded.length,
    labelled_positives: encoded.filter((e) => e.positive).length,
    prose_negatives: extra.length,
    cross_validation: crossValidated,
    ...describeOutOfFold(outOfFold, threshold),
  });
}

/** Logistic regression by AdaGrad SGD with L2, classes weighted to count equally. */
function train(examples: Encoded[]): Weights {
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
function pruned({ weights, bias }: Weights): Weights {
  const magnitudes = Array.from(weights, Math.abs).sort((a, b) => b - a);
  const cutoff = Math.max(magnitudes[KEPT_WEIGHTS - 1] ?? 0, 0.5 / SCALE);
  const kept = weights.map((w) => (Math.abs(w) >= cutoff ? Math.round(w * SCALE) / SCALE : 0));
  return { weights: kept, bias };
}

function probability({ weights, bias }: Weights, features: Map<number, number>): number {
  let logit = bias;
  for (const [bucket, value] of features) logit += weights[bucket]! * value;
  return 1 / (1 + Math.exp(-logit));
}

/**
 * The threshold (in steps of 0.05) with the best out-of-fold F-beta. beta < 1 favours precision: the
 * toxicity sets are mostly toxic, while real questions and answers almost never are, so at deployment
 * a false alarm (a withheld answer) is far likelier than a miss and is weighed accordingly.
 */
function bestThreshold(scores: number[], examples: Encoded[], beta = 1): number {
  let best = { threshold: 0.5, score: -1 };
  for (let t = 0.2; t <= 0.8001; t += 0.05) {
    const { precision, recall } = metrics(scores, examples, t);
    const b2 = beta * beta;
    const score = precision + recall === 0 ? 0 : ((1 + b2) * precision * recall) / (b2 * precision + recall);
    if (score > best.score) best = { threshold: Math.round(t * 100) / 100, score };
  }
  return best.threshold;
}

function metrics(scores: number[], examples: Encoded[], threshold: number): Metrics {
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
  return { precision: round(precision), recall: round(recall), f1: round((2 * precision * recall) / Math.max(1e-9, precision + recall)), n: examples.length, positives: truePositives + falseNegatives };
}

function serialise(name: string, { weights, bias }: Weights, threshold: number, provenance: Record<string, unknown>): LinearModelFile {
  const gaps: number[] = [];
  const kept: number[] = [];
  let previous = 0;
  weights.forEach((weight, index) => {
    if (weight === 0) return;
    gaps.push(index - previous);
    kept.push(Math.round(weight * SCALE));
    previous = index;
  });
  return { name, features: FEATURE_SCHEME, bits: BITS, bias: Math.round(bias * SCALE) / SCALE, threshold, gaps, weights: kept, scale: SCALE, provenance };
}

/** 0..n-1 in a fixed pseudo-random order (mulberry32), so training is reproducible. */
function shuffled(n: number, seed: number): number[] {
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
