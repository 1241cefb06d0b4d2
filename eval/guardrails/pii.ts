import path from "node:path";
import { readJsonlFolder } from "@/eval/jsonl";
import { ratio } from "@/eval/guardrails/rates";
import { piiDetectors, type PiiEntityType } from "@/lib/guardrails/detectors";
import type { Finding } from "@/lib/guardrails/findings";

type GoldSpan = { start: number; end: number; label?: string; label_norm?: string };
type PiiRow = { text: string; lang?: string; spans?: GoldSpan[]; target_entity?: string; expected_count?: number };

/**
 * Which gold spans each reported type is measured against. Gold `label_norm` is used where it names
 * the same thing; national IDs and tax IDs are finer than their `label_norm` (NATIONAL_ID also holds
 * health-insurance and foreign ID numbers), so those match on the original `label`.
 */
const GOLD: Partial<Record<PiiEntityType, (span: GoldSpan) => boolean>> = {
  EMAIL: (span) => span.label_norm === "EMAIL",
  PHONE: (span) => span.label_norm === "PHONE",
  CREDIT_CARD: (span) => span.label_norm === "CREDIT_CARD",
  IBAN: (span) => span.label_norm === "IBAN",
  IP_ADDRESS: (span) => span.label_norm === "IP_ADDRESS",
  KR_RRN: (span) => span.label === "RRN" || span.label === "KR_RRN",
  KR_FRN: (span) => span.label === "FRN" || span.label === "KR_FRN",
  KR_BRN: (span) => span.label === "BUSINESS_REG" || span.label === "KR_BRN",
  PASSPORT: (span) => span.label_norm === "PASSPORT",
  US_SSN: (span) => span.label === "US_SSN",
  PERSON: (span) => span.label_norm === "PERSON",
};
const MEASURED = Object.keys(GOLD) as PiiEntityType[];

/**
 * Rows with `target_entity` (recognizer test cases) label only that entity, so only findings of the
 * matching type are scored on them; the name is mapped the same way as the gold labels.
 */
function targetType(targetEntity: string): PiiEntityType | null {
  if (/PASSPORT/.test(targetEntity)) return "PASSPORT";
  if (/PHONE|MOBILE_NUMBER/.test(targetEntity)) return "PHONE";
  if (targetEntity === "EMAIL_ADDRESS") return "EMAIL";
  if (targetEntity === "IBAN_CODE") return "IBAN";
  return MEASURED.find((type) => GOLD[type]!({ start: 0, end: 0, label: targetEntity, label_norm: targetEntity })) ?? null;
}

/** A found span counts as the gold span when they share at least half of their combined extent (IoU ≥ 0.5). */
const MIN_OVERLAP = 0.5;

type Tally = { truePositives: number; predicted: number; gold: number };

export function evaluatePii(dataDir: string) {
  const rows = readJsonlFolder<PiiRow>(path.join(dataDir, "pii")).filter((row) => typeof row.text === "string");
  const tallies = new Map<string, Tally>();
  const tally = (type: string, lang: string) => {
    const key = `${type}|${lang}`;
    if (!tallies.has(key)) tallies.set(key, { truePositives: 0, predicted: 0, gold: 0 });
    return tallies.get(key)!;
  };
  for (const row of rows) {
    const lang = row.lang ?? "unknown";
    const scored = row.target_entity !== undefined ? [targetType(row.target_entity)].filter((t): t is PiiEntityType => t !== null) : MEASURED;
    if (scored.length === 0) continue;
    const findings = piiDetectors.flatMap((detector) => detector.scan(row.text));
    for (const type of scored) {
      const gold = (row.spans ?? []).filter(GOLD[type]!);
      const found = findings.filter((f) => f.type === type);
      const matched = matchCount(gold, found);
      for (const counts of [tally(type, lang), tally(type, "all")]) {
        counts.truePositives += matched;
        counts.predicted += found.length;
        counts.gold += gold.length;
      }
    }
  }
  const figures = (counts: Tally) => ({
    precision: ratio(counts.truePositives, counts.predicted),
    recall: ratio(counts.truePositives, counts.gold),
    n_gold: counts.gold,
    n_predicted: counts.predicted,
  });
  const languages = [...new Set(rows.map((row) => row.lang ?? "unknown"))].sort();
  return Object.fromEntries(
    MEASURED.map((type) => [
      type,
      {
        ...figures(tally(type, "all")),
        by_lang: Object.fromEntries(languages.filter((lang) => tallies.has(`${type}|${lang}`)).map((lang) => [lang, figures(tally(type, lang))])),
      },
    ]),
  );
}

/** One-to-one matches between gold spans and findings, greedily by overlap. */
function matchCount(gold: GoldSpan[], found: Finding[]): number {
  const used = new Set<number>();
  let matched = 0;
  for (const span of gold) {
    let best = -1;
    let bestOverlap = MIN_OVERLAP;
    found.forEach((item, i) => {
      if (used.has(i)) return;
      const intersection = Math.min(span.end, item.end) - Math.max(span.start, item.start);
      const union = Math.max(span.end, item.end) - Math.min(span.start, item.start);
      const overlap = intersection > 0 ? intersection / union : 0;
      if (overlap >= bestOverlap) {
        best = i;
        bestOverlap = overlap;
      }
    });
    if (best >= 0) {
      used.add(best);
      matched++;
    }
  }
  return matched;
}
