import { cueModelWithout, readAuthoredRows, type AuthoredRow } from "@/eval/guardrails/cue-training";
import { asLinearModel, crossValidatedTraining } from "@/eval/guardrails/linear-training";
import { ratio } from "@/eval/guardrails/rates";
import { directInjectionRows, injectionProseNegatives } from "@/eval/guardrails/training-data";
import { createInjectionDetector } from "@/lib/guardrails/detectors/injection";
import { INJECTION_THRESHOLD, injectionConfidence, type InjectionModels } from "@/lib/guardrails/detectors/injection-scoring";

/**
 * How the injection detector does on attack families it was not trained on. Cross-validation with
 * random folds flatters it (the folds share families: a classifier that memorised one jailbreak
 * template scores well on its siblings), so each family (first segment of a row's `category`) is
 * scored by both classifiers retrained on every other family (the n-gram one with its threshold
 * chosen by 3-fold cross-validation inside those other families). The rules are hand-written and the same in every
 * run: they are kept honest by the held-out sets below, which nothing was trained or tuned on
 * row by row.
 */
const INNER_FOLDS = 3;
const SWEEP = [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8];

type FamilyScores = { family: string; lang: string; attack: boolean; n: number; development: number[]; heldOut: number[] };

export function leaveOneFamilyOut(dataDir: string, shipped: InjectionModels) {
  const rows = directInjectionRows(dataDir);
  const prose = injectionProseNegatives(dataDir);
  const families = [...new Set(rows.map((row) => row.family))].sort();
  const scored: FamilyScores[] = [];
  for (const family of families) {
    const heldOut = rows.filter((row) => row.family === family);
    const rest = rows.filter((row) => row.family !== family);
    const trained = crossValidatedTraining(
      rest.map((row) => ({ text: row.text, positive: row.attack })),
      prose,
      INNER_FOLDS,
    );
    const models = { ngrams: asLinearModel(`without-${family}`, trained.model, trained.threshold), cues: cueModelWithout(dataDir, family) };
    for (const lang of [...new Set(heldOut.map((row) => row.lang))].sort()) {
      const ofLang = heldOut.filter((row) => row.lang === lang);
      for (const attack of [true, false]) {
        const group = ofLang.filter((row) => row.attack === attack);
        if (group.length === 0) continue;
        scored.push({
          family,
          lang,
          attack,
          n: group.length,
          development: group.map((row) => injectionConfidence(row.text, shipped)),
          heldOut: group.map((row) => injectionConfidence(row.text, models)),
        });
      }
    }
  }
  const rate = (scores: number[], threshold = INJECTION_THRESHOLD) => ratio(scores.filter((s) => s >= threshold).length, scores.length);
  const pooled = (lang: string, attack: boolean, pick: (f: FamilyScores) => number[], threshold = INJECTION_THRESHOLD) => {
    const scores = scored.filter((f) => f.lang === lang && f.attack === attack).flatMap(pick);
    return { rate: rate(scores, threshold), n: scores.length };
  };
  const byLanguage = (lang: string) => {
    const tpr = pooled(lang, true, (f) => f.heldOut);
    const fpr = pooled(lang, false, (f) => f.heldOut);
    return { tpr: tpr.rate, fpr: fpr.rate, n_attacks: tpr.n, n_benign: fpr.n };
  };
  return {
    method: "each family scored by the rules plus both classifiers retrained without it (n-gram threshold by 3-fold CV on the other families)",
    en: byLanguage("en"),
    ko: byLanguage("ko"),
    families: Object.fromEntries(
      scored.map((f) => [
        `${f.family}.${f.lang}.${f.attack ? "attacks" : "benign"}`,
        { [f.attack ? "tpr" : "fpr"]: rate(f.heldOut), development: rate(f.development), n: f.n },
      ]),
    ),
    // The detector's own threshold, chosen here: detection and false alarms on left-out families at each candidate.
    threshold_sweep: Object.fromEntries(
      SWEEP.map((threshold) => [
        threshold.toFixed(2),
        Object.fromEntries(
          ["en", "ko"].map((lang) => [
            lang,
            { tpr: pooled(lang, true, (f) => f.heldOut, threshold).rate, fpr: pooled(lang, false, (f) => f.heldOut, threshold).rate },
          ]),
        ),
      ]),
    ),
  };
}

/**
 * Sets written by the team (eval/guardrails/authored): hard negatives — everyday requests that
 * mention ignoring something, developer mode, system prompts, passwords and access codes, or ask what
 * an injection phrase means — and attacks of families absent from the public development data
 * (hijacking and secret-extraction games, short overrides), both languages.
 * - `tuning`: the rules were adjusted against it, and the cue model is trained on it.
 * - `held_out`: written after the second tuning round and never trained on, but its misses were read
 *   when the cue classes were written, so it is no longer blind.
 * - `held_out_4`: written by a separate author without sight of the detector or the earlier sets, with
 *   three more families (role-play jailbreaks, spoofed authority and delimiters, obfuscation); its
 *   rows were never read, but its figures were looked at twice while the detector changed.
 * - `held_out_5`: written the same way with five other families (hijacking and password games,
 *   benchmark-style redirections, instructions inside pasted content, claimed earlier agreements) and
 *   kept sealed until the detector's changes were final: measured once. The honest one.
 */
export function authoredChecks(models?: InjectionModels) {
  const detector = createInjectionDetector("prompt_injection", { models });
  const flagged = (row: AuthoredRow) => detector.scan(row.text).length > 0;
  const measure = (folder: string) => {
    const rows = readAuthoredRows(folder);
    const summary = (attack: boolean) =>
      Object.fromEntries(
        ["en", "ko"].map((lang) => {
          const ofLang = rows.filter((row) => row.lang === lang && row.is_attack === attack);
          const categories = [...new Set(ofLang.map((row) => row.category.split("/")[1] ?? row.category))].sort();
          return [
            lang,
            {
              [attack ? "tpr" : "fpr"]: ratio(ofLang.filter(flagged).length, ofLang.length),
              n: ofLang.length,
              by_category: Object.fromEntries(
                categories.map((category) => {
                  const group = ofLang.filter((row) => row.category.endsWith(`/${category}`));
                  return [category, { rate: ratio(group.filter(flagged).length, group.length), n: group.length }];
                }),
              ),
            },
          ];
        }),
      );
    return { hard_negatives: summary(false), attacks: summary(true) };
  };
  return { held_out_5: measure("held-out-5"), held_out_4: measure("held-out-4"), held_out: measure("held-out"), tuning: measure("tuning") };
}
