import { krRegistrationBirthDate, krRegistrationChecksumValid } from "@/lib/guardrails/detectors/checksums";
import { hasContext, hasContextBefore } from "@/lib/guardrails/detectors/context";
import { finding, type Detector, type Finding } from "@/lib/guardrails/findings";

// YYMMDD, an optional hyphen or space, then the gender/century digit and six more digits; a number
// masked after the gender digit ("900101-1******") still reveals the birth date and is reported too.
const FULL = /(?<![\w-])(\d{6})[- ]?(\d{7})(?![\w]|-\d)/g;
const MASKED = /(?<![\w-])(\d{6})-(\d)(?:[*xX●•]{6}|\*{1,6})(?![\w*])/g;

// Corporate registration numbers (법인등록번호) share the layout but identify companies, not people.
const CORPORATE_WORDS = /법인|등기|corporat/i;
const REGISTRATION_WORDS = /주민|등록번호|외국인|\bRRN\b|\bFRN\b|resident|registration|alien|생년월일|주민번호/i;

/**
 * Korean resident registration numbers (주민등록번호, KR_RRN) and foreigner registration numbers
 * (외국인등록번호, KR_FRN, gender digit 5-8). The birth date must exist. The check digit only
 * applies to numbers issued before October 2020, so it raises confidence instead of rejecting.
 */
export const krRegistrationNumberDetector: Detector = {
  name: "kr_registration_number",
  scan(text: string): Finding[] {
    const findings: Finding[] = [];
    for (const match of text.matchAll(FULL)) {
      const digits = match[1]! + match[2]!;
      if (!krRegistrationBirthDate(digits)) continue;
      const start = match.index;
      const end = start + match[0].length;
      if (hasContextBefore(text, start, CORPORATE_WORDS, 24)) continue;
      const separated = match[0].length === 14;
      const context = hasContext(text, start, end, REGISTRATION_WORDS);
      let confidence = separated ? 0.75 : 0.55;
      if (krRegistrationChecksumValid(digits)) confidence += 0.2;
      if (context) confidence += 0.15;
      findings.push(finding("kr_registration_number", foreigner(digits) ? "KR_FRN" : "KR_RRN", text, start, end, confidence));
    }
    for (const match of text.matchAll(MASKED)) {
      const digits = `${match[1]!}${match[2]!}000000`;
      if (!krRegistrationBirthDate(digits)) continue;
      findings.push(finding("kr_registration_number", foreigner(digits) ? "KR_FRN" : "KR_RRN", text, match.index, match.index + match[0].length, 0.7));
    }
    return findings;
  },
};

function foreigner(digits: string): boolean {
  const gender = digits.charCodeAt(6) - 48;
  return gender >= 5 && gender <= 8;
}
