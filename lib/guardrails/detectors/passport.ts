import { hasContext } from "@/lib/guardrails/detectors/context";
import { finding, type Detector, type Finding } from "@/lib/guardrails/findings";

// Korean passports: a type letter (M multiple, S single, R travel certificate, G/D official and
// diplomatic, T…) and eight digits, or since 2021 three digits, a letter and four digits.
const KOREAN = /(?<![\w-])[MSRGDTmsrgdt](?:\d{8}|\d{3}[A-Za-z]\d{4})(?![\w-])/g;
// Other countries' numbers have no distinctive shape (US: nine digits or a letter and eight digits),
// so they are only reported next to a word such as "passport" or "여권".
const OTHER = /(?<![\w-])(?:[A-Z]{1,2}\d{6,8}|\d{9}|[A-Z]\d{2}[A-Z]?\d{5})(?![\w-])/g;

const PASSPORT_WORDS = /passport|travel\s+document|여권|旅券|パスポート/i;

export const passportDetector: Detector = {
  name: "passport",
  scan(text: string): Finding[] {
    const findings: Finding[] = [];
    const seen = new Set<number>();
    for (const match of text.matchAll(KOREAN)) {
      const start = match.index;
      const end = start + match[0].length;
      seen.add(start);
      findings.push(finding("passport", "PASSPORT", text, start, end, hasContext(text, start, end, PASSPORT_WORDS, 60, 20) ? 0.95 : 0.6));
    }
    for (const match of text.matchAll(OTHER)) {
      const start = match.index;
      const end = start + match[0].length;
      if (seen.has(start) || !hasContext(text, start, end, PASSPORT_WORDS, 60, 20)) continue;
      findings.push(finding("passport", "PASSPORT", text, start, end, 0.8));
    }
    return findings;
  },
};
