import { krBusinessNumberValid } from "@/lib/guardrails/detectors/checksums";
import { hasContext } from "@/lib/guardrails/detectors/context";
import { finding, type Detector, type Finding } from "@/lib/guardrails/findings";

const HYPHENATED = /(?<![\w-])\d{3}-\d{2}-\d{5}(?![\w]|-\d)/g;
const UNBROKEN = /(?<![\w-])\d{10}(?![\w]|-\d)/g;

const BUSINESS_WORDS = /사업자|등록번호|법인|상호|대표자|\bBRN\b|business\s*(?:registration|number|no)|tax\s*id|\bVAT\b/i;

/**
 * Korean business registration numbers (사업자등록번호, NNN-NN-NNNNN). A valid check digit or a label
 * such as "사업자등록번호" is required for the hyphenated form; a bare 10-digit number needs both,
 * since phone and account numbers share the length.
 */
export const krBusinessNumberDetector: Detector = {
  name: "kr_business_number",
  scan(text: string): Finding[] {
    const findings: Finding[] = [];
    for (const [pattern, unbroken] of [
      [HYPHENATED, false],
      [UNBROKEN, true],
    ] as const) {
      for (const match of text.matchAll(pattern)) {
        const start = match.index;
        const end = start + match[0].length;
        const valid = krBusinessNumberValid(match[0].replace(/-/g, ""));
        const context = hasContext(text, start, end, BUSINESS_WORDS);
        const confidence = unbroken ? (valid && context ? 0.85 : 0) : valid ? (context ? 0.95 : 0.8) : context ? 0.7 : 0;
        if (confidence > 0) findings.push(finding("kr_business_number", "KR_BRN", text, start, end, confidence));
      }
    }
    return findings;
  },
};
