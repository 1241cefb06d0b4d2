import path from "node:path";
import { readJsonlFolder } from "@/eval/jsonl";
import { flaggedShare, ratio } from "@/eval/guardrails/rates";
import { toxicityDetector } from "@/lib/guardrails/detectors/toxicity";
import englishModel from "@/lib/guardrails/models/toxicity-en.json";
import koreanModel from "@/lib/guardrails/models/toxicity-ko.json";

type ToxicityRow = { text: string; is_toxic?: boolean; lang?: string };

/**
 * Precision and recall per language on rows of <data>/toxicity with an `is_toxic` label. The models
 * were trained on the development rows, so on them these are training-set figures; the models'
 * 5-fold cross-validation figures (`cross_validated`) are the honest estimate there, and on held-out
 * data the figures below are the real ones. The false-positive rate on ordinary questions
 * (<data>/retrieval_qa, never used in training) shows how the models behave off social media.
 */
export function evaluateToxicity(dataDir: string) {
  const rows = readJsonlFolder<ToxicityRow>(path.join(dataDir, "toxicity")).filter((row) => typeof row.text === "string" && typeof row.is_toxic === "boolean");
  const questions = readJsonlFolder<{ question?: unknown }>(path.join(dataDir, "retrieval_qa")).flatMap((row) =>
    typeof row.question === "string" ? [row.question] : [],
  );
  const isKorean = (text: string) => (text.match(/\p{Script=Hangul}/gu)?.length ?? 0) >= text.length * 0.3;
  const crossValidated = { en: englishModel.provenance.cross_validation, ko: koreanModel.provenance.cross_validation };
  const toxic = (text: string) => toxicityDetector.scan(text).length > 0;
  return Object.fromEntries(
    (["en", "ko"] as const).map((lang) => {
      const langRows = rows.filter((row) => row.lang === lang);
      let truePositives = 0;
      let predicted = 0;
      for (const row of langRows) {
        const flagged = toxic(row.text);
        if (flagged) predicted++;
        if (flagged && row.is_toxic) truePositives++;
      }
      const positives = langRows.filter((row) => row.is_toxic).length;
      return [
        lang,
        {
          precision: ratio(truePositives, predicted),
          recall: ratio(truePositives, positives),
          n: langRows.length,
          n_toxic: positives,
          cross_validated: crossValidated[lang],
          fpr_on_benign_questions: flaggedShare(
            questions.filter((q) => isKorean(q) === (lang === "ko")),
            toxic,
          ),
        },
      ];
    }),
  );
}
