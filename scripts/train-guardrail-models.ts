// npm run train:guardrails [-- --data <dir>]: trains the small logistic-regression models the
// guardrail detectors use (toxicity in English and Korean; the two injection classifiers that back up
// the injection rules: n-grams, and word-class cues) on the labelled development data (default ../shared/eval or $LORE_EVAL_DATA), and
// writes them to lib/guardrails/models/*.json with lib/guardrails/models/manifest.json: what data
// they were trained on (a fingerprint of every file read), the feature scheme, the date, and the
// figures they produced. Training is deterministic: the same data gives the same files.
//
// Toxicity rows come from social media, where most text is informal and a large share is toxic; a
// model trained on them alone learns that formal text is "unusual" and flags encyclopaedic or business
// prose. So sentences of the retrieval passages are added as negatives, and so are short fragments
// (titles, sentence openings): with few features a short text's score rests on single n-grams, and
// without them a heading such as "Working hours" scored as toxic for sharing letters with a slur.
//
// Honest figures: each model is scored by 5-fold cross-validation, and the injection detector by
// leave-one-family-out (eval/guardrails/injection-families.ts): every attack family scored by a
// classifier that never saw it. Figures from `npm run eval` on the same development data are
// training-set figures and flatter the models.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { cueTrainingExamples, trainCueModel } from "@/eval/guardrails/cue-training";
import { authoredChecks, leaveOneFamilyOut } from "@/eval/guardrails/injection-families";
import { asLinearModel, crossValidatedTraining, formatModelFile, metrics, serialise, type Example } from "@/eval/guardrails/linear-training";
import { directInjectionRows, injectionProseNegatives, isKorean, proseFragments, proseSentences, sample } from "@/eval/guardrails/training-data";
import { readJsonlFolder } from "@/eval/jsonl";
import { foldForInjection } from "@/lib/guardrails/detectors/injection-scoring";
import { CUE_SCHEME, loadCueModel } from "@/lib/guardrails/detectors/injection-cues";
import type { InjectionModels } from "@/lib/guardrails/detectors/injection-scoring";
import type { LinearModelFile } from "@/lib/guardrails/detectors/linear-model";
import { FEATURE_SCHEME } from "@/lib/guardrails/detectors/text-features";

const FOLDS = 5;

const { values } = parseArgs({ options: { data: { type: "string" } }, allowPositionals: true });
const dataDir = path.resolve(values.data ?? process.env.LORE_EVAL_DATA ?? "../shared/eval");
if (!existsSync(dataDir)) throw new Error(`train-guardrail-models: no data folder at ${dataDir}`);
const modelsDir = path.join(import.meta.dirname, "..", "lib", "guardrails", "models");

type ToxicityRow = { text?: unknown; is_toxic?: unknown; lang?: unknown };
const toxicityRows = readJsonlFolder<ToxicityRow>(path.join(dataDir, "toxicity")).filter(
  (row): row is { text: string; is_toxic: boolean; lang: string } =>
    typeof row.text === "string" && typeof row.is_toxic === "boolean" && typeof row.lang === "string",
);

/**
 * Extra negatives per language: enough to teach "formal is fine" without drowning the labelled rows.
 * Korean has fewer labelled rows, and more prose cost it recall in cross-validation.
 */
const PROSE_NEGATIVES = { en: 3000, ko: 500 };
const FRAGMENT_NEGATIVES = { en: 1500, ko: 400 };
const sentences = proseSentences(dataDir);
const fragments = proseFragments(dataDir, sentences);

let injectionModels: InjectionModels | undefined;
const written: Record<string, { file: string; model: LinearModelFile; figures: Record<string, unknown> }> = {};

for (const lang of ["en", "ko"] as const) {
  const labelled: Example[] = toxicityRows.filter((row) => row.lang === lang).map((row) => ({ text: row.text, positive: row.is_toxic }));
  const negatives: Example[] = [
    ...sample(
      sentences.filter((s) => isKorean(s) === (lang === "ko")),
      PROSE_NEGATIVES[lang],
      99,
    ),
    ...sample(
      fragments.filter((f) => isKorean(f) === (lang === "ko")),
      FRAGMENT_NEGATIVES[lang],
      7,
    ),
  ].map((text) => ({ text, positive: false }));
  // Precision-weighted threshold (F0.5): real questions and answers are almost never toxic, so a false alarm is likelier than a miss.
  const trained = crossValidatedTraining(labelled, negatives, FOLDS, 0.5);
  const crossValidation = metrics(trained.outOfFold, trained.encoded, trained.threshold);
  const name = `toxicity-${lang}`;
  const provenance = {
    task: "toxic vs. not toxic",
    lang,
    source:
      "rows of <data>/toxicity with this lang and an is_toxic label, plus sentences, titles and short sentence openings of <data>/retrieval_qa passages as negatives",
    threshold: "best out-of-fold F0.5 (precision-weighted)",
    labelled_rows: labelled.length,
    labelled_positives: labelled.filter((e) => e.positive).length,
    extra_negatives: negatives.length,
    cross_validation: crossValidation,
  };
  written[name] = {
    file: `${name}.json`,
    model: serialise(name, trained.model, trained.threshold, provenance),
    figures: { cross_validation: crossValidation },
  };
  console.log(`${name}: threshold ${trained.threshold}, 5-fold CV`, crossValidation);
}

// The injection classifiers: direct attacks (injection and jailbreak rows) against benign messages,
// with prose sentences as extra negatives. Both read the same de-obfuscated text as the rules and only
// add evidence where the rules already see something (injection-scoring.ts), so what counts is how
// the whole detector does on families it never saw. The cue model also learns from the team's tuning
// set (see cue-training.ts) and is written apart, as a weight per named feature.
let cueFile: { name: string; content: string } | undefined;
{
  const rows = directInjectionRows(dataDir);
  const labelled = rows.map((row) => ({ text: foldForInjection(row.text).text, positive: row.attack }));
  const trained = crossValidatedTraining(labelled, injectionProseNegatives(dataDir), FOLDS);
  const crossValidation = metrics(trained.outOfFold, trained.encoded, trained.threshold);
  const cueExamples = cueTrainingExamples(dataDir);
  const cues = trainCueModel("injection-cues", cueExamples, {
    task: "short instruction to the assistant (injection or jailbreak) vs. benign message, from word-class features",
    source:
      "attack and benign rows of <data>/prompt_injection, harmful requests (as negatives), eval/guardrails/authored/tuning, and prose sentences of <data>/retrieval_qa as negatives; short messages only",
    examples: cueExamples.length,
    positives: cueExamples.filter((e) => e.positive).length,
  });
  injectionModels = { ngrams: asLinearModel("injection", trained.model, trained.threshold), cues: loadCueModel(cues) };
  const lofo = leaveOneFamilyOut(dataDir, injectionModels);
  const provenance = {
    task: "direct injection or jailbreak vs. benign message",
    source: "attack and benign rows of <data>/prompt_injection, plus prose sentences of <data>/retrieval_qa as negatives",
    labelled_rows: labelled.length,
    labelled_positives: labelled.filter((e) => e.positive).length,
    classifier_cross_validation: crossValidation,
  };
  const figures = { classifier_cross_validation: crossValidation, detector_leave_one_family_out: { en: lofo.en, ko: lofo.ko, families: lofo.families } };
  written.injection = { file: "injection.json", model: serialise("injection", trained.model, trained.threshold, provenance), figures };
  cueFile = { name: "injection-cues.json", content: `${JSON.stringify(cues, null, 2)}\n` };
  console.log("injection detector, leave one family out:", JSON.stringify(figures.detector_leave_one_family_out));
}

for (const { file, model } of Object.values(written)) {
  writeFileSync(path.join(modelsDir, file), formatModelFile(model));
  console.log(`wrote lib/guardrails/models/${file} (${model.weights.length} weights)`);
}
writeFileSync(path.join(modelsDir, cueFile!.name), cueFile!.content);
console.log(`wrote lib/guardrails/models/${cueFile!.name}`);

const sha256 = (content: string | Buffer) => createHash("sha256").update(content).digest("hex");
const repoRoot = path.join(import.meta.dirname, "..");
// Every file read, named relative to the data folder, or to the repository for the team's tuning set.
const dataFiles = [
  ...["toxicity", "prompt_injection", "retrieval_qa"]
    .flatMap((folder) => listFiles(path.join(dataDir, folder)))
    .map((file) => ({ file, name: path.relative(dataDir, file) })),
  ...listFiles(path.join(repoRoot, "eval", "guardrails", "authored", "tuning")).map((file) => ({ file, name: path.relative(repoRoot, file) })),
];
const manifest = {
  about: "Models of lib/guardrails/detectors, written by `npm run train:guardrails`; the same data reproduces the same weights.",
  trained_on: new Date().toISOString().slice(0, 10),
  feature_scheme: FEATURE_SCHEME,
  cue_scheme: CUE_SCHEME,
  training_data: {
    fingerprint: sha256(dataFiles.map(({ file, name }) => `${name} ${sha256(readFileSync(file))}`).join("\n")),
    files: Object.fromEntries(dataFiles.map(({ file, name }) => [name, sha256(readFileSync(file))])),
  },
  models: Object.fromEntries(
    Object.entries(written).map(([name, { file, model, figures }]) => [
      name,
      { file, sha256: sha256(formatModelFile(model)), bits: model.bits, weights: model.weights.length, threshold: model.threshold, figures },
    ]),
  ),
  cue_model: { file: cueFile!.name, sha256: sha256(cueFile!.content) },
  held_out_checks: authoredChecks(injectionModels),
};
writeFileSync(path.join(modelsDir, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
console.log("wrote lib/guardrails/models/manifest.json");

function listFiles(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) =>
      entry.isDirectory() ? listFiles(path.join(folder, entry.name)) : entry.name.endsWith(".jsonl") ? [path.join(folder, entry.name)] : [],
    );
}
