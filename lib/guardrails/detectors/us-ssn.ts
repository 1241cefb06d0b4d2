import { usSsnValid } from "@/lib/guardrails/detectors/checksums";
import { hasContext } from "@/lib/guardrails/detectors/context";
import { finding, type Detector, type Finding } from "@/lib/guardrails/findings";

// AAA-GG-SSSS is distinctive; the spaced, dotted and unbroken forms also match other numbers, so
// they need a label such as "SSN" or "social security" nearby.
const HYPHENATED = /(?<![\w-])\d{3}-\d{2}-\d{4}(?![\w]|-\d)/g;
const OTHER_FORMS = /(?<![\w.-])\d{3}([ .]?)\d{2}\1\d{4}(?![\w]|[.-]\d)/g;

const SSN_WORDS = /\bSSN\b|social\s+security|\bSS#|사회보장/i;

export const usSsnDetector: Detector = {
  name: "us_ssn",
  scan(text: string): Finding[] {
    const findings: Finding[] = [];
    for (const [pattern, needsContext] of [
      [HYPHENATED, false],
      [OTHER_FORMS, true],
    ] as const) {
      for (const match of text.matchAll(pattern)) {
        if (!usSsnValid(match[0].replace(/\D/g, ""))) continue;
        const start = match.index;
        const end = start + match[0].length;
        const context = hasContext(text, start, end, SSN_WORDS);
        if (needsContext && !context) continue;
        findings.push(finding("us_ssn", "US_SSN", text, start, end, context ? 0.95 : 0.6));
      }
    }
    return findings;
  },
};
