import path from "node:path";
import { injectionRowKind, readInjectionRows, type InjectionRow, type InjectionRowKind } from "@/eval/guardrails/injection-rows";
import { readJsonlFolder } from "@/eval/jsonl";
import { flaggedShare, ratio } from "@/eval/guardrails/rates";
import { plantedPayloads } from "@/eval/guardrails/indirect-planted";
import { authoredChecks, leaveOneFamilyOut } from "@/eval/guardrails/injection-families";
import { documentInjectionDetector, promptInjectionDetector, shippedInjectionModels } from "@/lib/guardrails/detectors/injection";
import type { Detector } from "@/lib/guardrails/findings";

const detects = (detector: Detector) => (text: string) => detector.scan(text).length > 0;

export function evaluateInjection(dataDir: string) {
  const rows = readInjectionRows(dataDir);
  const ofKind = (kind: InjectionRowKind) => rows.filter((row) => injectionRowKind(row) === kind);
  const attacks = ofKind("attack");
  const benign = ofKind("benign");
  const flaggedAsInjection = detects(promptInjectionDetector);

  const byLanguage = (lang: "en" | "ko") => {
    const ownBenign = benign.filter((row) => row.lang === lang);
    const supplementary = supplementaryBenign(dataDir, lang);
    // Korean has no benign rows in the public prompt_injection set; the false-positive rate then
    // comes from other benign Korean text of the data folder, and says so.
    const negatives = ownBenign.length > 0 ? ownBenign.map((row) => row.text) : supplementary.map((item) => item.text);
    const langAttacks = attacks.filter((row) => row.lang === lang);
    return {
      tpr: flaggedShare(langAttacks, (row) => flaggedAsInjection(row.text)).rate,
      fpr: flaggedShare(negatives, flaggedAsInjection).rate,
      n_attacks: langAttacks.length,
      n_benign: negatives.length,
      fpr_source:
        ownBenign.length > 0
          ? "benign rows of prompt_injection"
          : "benign text from retrieval_qa questions and non-toxic toxicity rows (no benign rows of this language in prompt_injection)",
      tpr_by_label: Object.fromEntries(
        ["injection", "jailbreak"].map((label) => [
          label,
          flaggedShare(
            langAttacks.filter((row) => row.label === label),
            (row) => flaggedAsInjection(row.text),
          ),
        ]),
      ),
      fpr_on_benign_questions: flaggedShare(
        supplementary.filter((item) => item.lang === "question"),
        (item) => flaggedAsInjection(item.text),
      ),
      // The classifier behind the rules was trained on the development rows, so on them tpr above is
      // a training-set figure; this is the estimate on families the classifier never saw.
      leave_one_family_out: { tpr: lofo[lang].tpr, fpr: lofo[lang].fpr },
    };
  };

  const lofo = leaveOneFamilyOut(dataDir, shippedInjectionModels);
  return {
    en: byLanguage("en"),
    ko: byLanguage("ko"),
    leave_one_family_out: lofo,
    authored: authoredChecks(),
    notinject: (() => {
      const hardNegatives = benign.filter((row) => Array.isArray(row.trigger_words));
      const share = flaggedShare(hardNegatives, (row) => flaggedAsInjection(row.text));
      return { fpr: share.rate, n: share.n };
    })(),
    ...indirect(ofKind("document"), ofKind("payload")),
    harmful_request: harmfulRequests(ofKind("harmful")),
  };
}

/**
 * BIPIA-style documents. Positives are documents with an injected span. Negatives are the clean
 * documents the data provides, plus every positive with its injected span cut out: the same e-mail
 * without the planted instruction, which is exactly what a detector must let through (the public set
 * has far fewer clean documents than injected ones). `indirect` is the injection detector as the
 * product runs it on retrieved passages (document_injection: the same rules plus those for
 * instructions aimed at the assistant's answer); `indirect_user_message_rules` is the user-message
 * configuration on the same documents, for comparison.
 */
function indirect(documents: InjectionRow[], payloads: InjectionRow[]) {
  const positives = documents.filter((row) => Array.isArray(row.injected_span));
  const provided = documents.filter((row) => !Array.isArray(row.injected_span) && row.is_attack === false).map((row) => row.text);
  const spanRemoved = positives.map((row) => {
    const [start, end] = row.injected_span!;
    return (row.text.slice(0, start) + row.text.slice(end)).replace(/^\s+/, "");
  });
  const negatives = [...new Set([...provided, ...spanRemoved])];
  const measure = (detector: Detector) => ({
    tpr: ratio(positives.filter((row) => detects(detector)(row.text)).length, positives.length),
    fpr: ratio(negatives.filter(detects(detector)).length, negatives.length),
  });
  const counts = {
    n_positive: positives.length,
    n_negative: negatives.length,
    n_negative_provided: provided.length,
    n_negative_span_removed: spanRemoved.length,
  };
  return {
    indirect: { ...measure(documentInjectionDetector), ...counts },
    indirect_user_message_rules: { ...measure(promptInjectionDetector), ...counts },
    // The planted instructions on their own, judged as document text: most are ordinary requests
    // ("Write a script to rename files") that are only out of place inside a document.
    indirect_payloads_document_mode: flaggedShare(payloads, (row) => detects(documentInjectionDetector)(row.text)),
    // Those payloads planted into the clean documents: BIPIA-style documents the e-mail set does not contain.
    indirect_planted_payloads: plantedPayloads(payloads, negatives, documentInjectionDetector),
  };
}

/** How often the injection detector flags requests for harmful content; not its job, reported for clarity. */
function harmfulRequests(harmful: InjectionRow[]) {
  return Object.fromEntries(
    [...new Set(harmful.map((row) => row.lang ?? "unknown"))].sort().map((lang) => [
      lang,
      flaggedShare(
        harmful.filter((row) => row.lang === lang),
        (row) => detects(promptInjectionDetector)(row.text),
      ),
    ]),
  );
}

/** Benign text of one language from outside prompt_injection: retrieval questions and non-toxic toxicity rows. */
function supplementaryBenign(dataDir: string, lang: "en" | "ko"): Array<{ text: string; lang: "question" | "comment" }> {
  const isKorean = (text: string) => (text.match(/\p{Script=Hangul}/gu)?.length ?? 0) >= text.length * 0.3;
  const questions = readJsonlFolder<{ question?: unknown }>(path.join(dataDir, "retrieval_qa")).flatMap((row) =>
    typeof row.question === "string" && isKorean(row.question) === (lang === "ko") ? [{ text: row.question, lang: "question" as const }] : [],
  );
  const comments = readJsonlFolder<{ text?: unknown; is_toxic?: unknown; lang?: unknown }>(path.join(dataDir, "toxicity")).flatMap((row) =>
    typeof row.text === "string" && row.is_toxic === false && row.lang === lang ? [{ text: row.text, lang: "comment" as const }] : [],
  );
  return [...questions, ...comments];
}
