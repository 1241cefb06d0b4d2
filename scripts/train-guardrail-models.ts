// npm run train:guardrails [-- --data <dir>]: trains the small logistic-regression models the
// guardrail detectors use (toxicity in English and Korean; the injection classifier that backs up the
// injection rules) on the labelled development data (default ../shared/eval or $LORE_EVAL_DATA), and
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
import { authoredChecks, leaveOneFamilyOut } from "@/eval/guardrails/injection-families";
import { asLinearModel, crossValidatedTraining, formatModelFile, metrics, serialise, type Example } from "@/eval/guardrails/linear-training";
import { directInjectionRows, injectionProseNegatives, isKorean, proseFragments, proseSentences, sample } from "@/eval/guardrails/training-data";
import { readJsonlFolder } from "@/eval/jsonl";
import { foldForInjection } from "@/lib/guardrails/detectors/injection-scoring";
import type { LinearModel, LinearModelFile } from "@/lib/guardrails/detectors/linear-model";
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

let injectionModel: LinearModel | undefined;
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

// The injection classifier: direct attacks (injection and jailbreak rows) against benign messages,
// with prose sentences as extra negatives. It reads the same de-obfuscated text as the rules and only
// adds evidence where the rules already see something (injection-scoring.ts), so what counts is how
// the whole detector does on families it never saw.
{
  const rows = directInjectionRows(dataDir);
  const labelled = rows.map((row) => ({ text: foldForInjection(row.text).text, positive: row.attack }));
  const trained = crossValidatedTraining(labelled, injectionProseNegatives(dataDir), FOLDS);
  const crossValidation = metrics(trained.outOfFold, trained.encoded, trained.threshold);
  injectionModel = asLinearModel("injection", trained.model, trained.threshold);
  const lofo = leaveOneFamilyOut(dataDir, injectionModel);
  const provenance = {
    task: "direct injection or jailbreak vs. benign message",
    source: "attack and benign rows of <data>/prompt_injection, plus prose sentences of <data>/retrieval_qa as negatives",
    labelled_rows: labelled.length,
    labelled_positives: labelled.filter((e) => e.positive).length,
    classifier_cross_validation: crossValidation,
  };
  const figures = { classifier_cross_validation: crossValidation, detector_leave_one_family_out: { en: lofo.en, ko: lofo.ko, families: lofo.families } };
  written.injection = { file: "injection.json", model: serialise("injection", trained.model, trained.threshold, provenance), figures };
  console.log("injection detector, leave one family out:", JSON.stringify(figures.detector_leave_one_family_out));
}

for (const { file, model } of Object.values(written)) {
  writeFileSync(path.join(modelsDir, file), formatModelFile(model));
  console.log(`wrote lib/guardrails/models/${file} (${model.weights.length} weights)`);
}

const sha256 = (content: string | Buffer) => createHash("sha256").update(content).digest("hex");
const dataFiles = ["toxicity", "prompt_injection", "retrieval_qa"].flatMap((folder) => listFiles(path.join(dataDir, folder)));
const manifest = {
  about: "Models of lib/guardrails/detectors, written by `npm run train:guardrails`; the same data reproduces the same weights.",
  trained_on: new Date().toISOString().slice(0, 10),
  feature_scheme: FEATURE_SCHEME,
  training_data: {
    fingerprint: sha256(dataFiles.map((file) => `${path.relative(dataDir, file)} ${sha256(readFileSync(file))}`).join("\n")),
    files: Object.fromEntries(dataFiles.map((file) => [path.relative(dataDir, file), sha256(readFileSync(file))])),
  },
  models: Object.fromEntries(
    Object.entries(written).map(([name, { file, model, figures }]) => [
      name,
      { file, sha256: sha256(formatModelFile(model)), bits: model.bits, weights: model.weights.length, threshold: model.threshold, figures },
    ]),
  ),
  held_out_checks: authoredChecks(injectionModel),
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
