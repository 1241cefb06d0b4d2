import { luhnValid } from "@/lib/guardrails/detectors/checksums";
import { hasContext } from "@/lib/guardrails/detectors/context";
import { finding, type Detector, type Finding } from "@/lib/guardrails/findings";

/**
 * Candidates are runs of digit groups with single separators, an optional +country code or 00 prefix,
 * a parenthesised area code and an extension. Every group is bounded and the lookbehind forbids
 * starting inside a number, so the scan stays linear on long digit runs. Whether a candidate is a
 * phone number is decided by its shape (Korean, NANP, international) and, for the many national
 * formats that have no distinctive shape, by words such as "phone" or "연락처" next to it.
 */
const CANDIDATE =
  /(?<![\w+]|\d[.-])(?:\+ ?\d{1,3}[ .-]?|00\d{1,3}[ .-])?(?:\(\d{1,5}\) ?)?\d{1,15}(?:[ .-]\d{1,8}){0,5}(?: ?(?:x|ext\.?|내선) ?\d{1,5})?(?![\w]|[.-]\d)/g;

const PHONE_WORDS =
  /phone|\bmy\s+(?:\w+\s+)?number\b|\btel\b|\btel\.|mobile|\bcell|\bfax|\bcall|\bdial|\bring\b|\breach|answering|\btext(?:ing)?\b|messag(?:e|es|ing)\b|\bsms\b|whatsapp|contact|\bdesk\b|office|hotline|전화|휴대|핸드폰|연락|팩스|\bH\.?P\b|내선|문의/i;
// "17031 2202 Rissik St": house and street numbers ahead of a street name.
const STREET_AFTER =
  /^\s+(?:[\p{Lu}][\p{L}.'-]*\s+){0,3}(?:st|street|ave|avenue|rd|road|rue|blvd|boulevard|lane|ln|way|drive|dr|suite|apt|plaza|square|strasse|straße|calle)\b/iu;
const NOT_PHONE_WORDS =
  /account|\bacct|\bbank|iban|입금|송금|이체|은행|뱅크|routing|card|invoice|order|tracking|passport|\bssn\b|serial|계좌|예금|카드|주민|사업자|등록번호|주문|송장|운송장|여권|면허|증권|사번|학번|우편|우\s*\d|\bzip\b|postal|처방/i;

export const phoneDetector: Detector = {
  name: "phone",
  scan(text: string): Finding[] {
    const findings: Finding[] = [];
    // A fresh regex per scan: the loop moves lastIndex by hand, and scans must not share that state.
    const candidates = new RegExp(CANDIDATE.source, "g");
    for (let match = candidates.exec(text); match; match = candidates.exec(text)) {
      const start = match.index;
      // A run of numbers separated by spaces ("010-1234-5678 4111 1111") is tried as a whole, then
      // without its last groups, so a phone number followed by other numbers is still found.
      for (let candidate = match[0]; candidate; candidate = withoutLastGroup(candidate)) {
        const end = start + candidate.length;
        const confidence = phoneConfidence(
          candidate,
          () => hasContext(text, start, end, PHONE_WORDS, 40, 16),
          () => hasContext(text, start, end, NOT_PHONE_WORDS, 24, 12) || STREET_AFTER.test(text.slice(end, end + 30)),
        );
        if (confidence < 0.5) continue;
        findings.push(finding("phone", "PHONE", text, start, end, confidence));
        candidates.lastIndex = end;
        break;
      }
    }
    return findings;
  },
};

/** The candidate without its last space-separated group, or "" when nothing would be left. */
function withoutLastGroup(candidate: string): string {
  const cut = candidate.lastIndexOf(" ");
  return cut > 0 ? candidate.slice(0, cut).trimEnd() : "";
}

/** 0 when the candidate is not a phone number; context checks run only when the shape needs them. */
function phoneConfidence(candidate: string, phoneContext: () => boolean, otherContext: () => boolean): number {
  const withoutExtension = candidate.replace(/ ?(?:x|ext\.?|내선) ?\d{1,5}$/, "");
  const international = withoutExtension.startsWith("+") || /^00\d/.test(withoutExtension);
  const groups = withoutExtension
    .replace(/^\+/, "")
    .split(/[ .\-()]+/)
    .filter(Boolean);
  const digits = groups.join("");
  const lengths = groups.map((group) => group.length);
  if (digits.length < 7 || digits.length > 15) return 0;
  if (looksLikeOtherNumber(withoutExtension, groups, digits)) return 0;
  // Korean companies' representative numbers (1588-xxxx) are phone numbers but not personal data.
  if (/^1[5-8]\d{6}$/.test(digits) && lengths.join(",") === "4,4") return 0;

  if (withoutExtension.startsWith("+")) return /^\+ ?82/.test(withoutExtension) ? koreanAfterCountryCode(digits.slice(2)) : 0.9;
  const korean = koreanShape(digits, lengths);
  // The separated Korean layouts are unambiguous; an unbroken run of digits could be an account number.
  if (korean > 0) return lengths.length === 1 && otherContext() && !phoneContext() ? 0 : korean;
  if (international) return digits.length >= 10 ? 0.75 : 0;
  if (isNanp(groups, withoutExtension)) return otherContext() ? 0 : 0.75;
  if (groups.length < 2 && !phoneContext()) return 0;
  if (otherContext()) return 0;
  if (phoneContext()) return 0.7;
  // National formats with a trunk prefix ("0688 872 49 99", "07700 900 123") without a label.
  return digits.startsWith("0") && groups.length >= 2 && lengths.every((n) => n >= 2) ? 0.6 : 0;
}

/** Korean numbers: mobile 010-xxxx-xxxx, Seoul 02, regional 031…064, 070 VoIP, 050x, 080. */
function koreanShape(digits: string, lengths: number[]): number {
  const separated = lengths.length > 1;
  const threeGroups = (first: number) => lengths.length === 3 && lengths[0] === first && (lengths[1] === 3 || lengths[1] === 4) && lengths[2] === 4;
  if (/^01[016789]\d{7,8}$/.test(digits)) return threeGroups(3) ? 0.95 : !separated ? 0.8 : 0;
  if (/^02\d{7,8}$/.test(digits)) return threeGroups(2) ? 0.9 : 0;
  if (/^0(?:3[1-3]|4[1-4]|5[1-5]|6[1-4]|70|80)\d{7,8}$/.test(digits)) return threeGroups(3) ? 0.9 : 0;
  if (/^050\d{8,9}$/.test(digits)) return lengths.length === 3 && lengths[0] === 4 ? 0.85 : 0;
  return 0;
}

/** After +82 the trunk 0 is dropped: +82 10-1234-5678, +82 2-123-4567. */
function koreanAfterCountryCode(national: string): number {
  return /^(?:0?1[016789]\d{7,8}|0?2\d{7,8}|0?[3-6]\d\d{7,8}|0?70\d{7,8})$/.test(national) ? 0.95 : 0.8;
}

/** North American numbering plan: (NXX) NXX-XXXX with an optional leading 1. */
function isNanp(groups: string[], candidate: string): boolean {
  if (/^\(\d{3}\) ?\d{3}[ .-]\d{4}$/.test(candidate)) return true;
  const parts = groups.length === 4 && groups[0] === "1" ? groups.slice(1) : groups;
  return parts.length === 3 && /^[2-9]\d\d$/.test(parts[0]!) && /^[2-9]\d\d$/.test(parts[1]!) && /^\d{4}$/.test(parts[2]!);
}

/** Shapes owned by other identifiers: dates, IPs, decimals, card, registration and social security numbers. */
function looksLikeOtherNumber(candidate: string, groups: string[], digits: string): boolean {
  const lengths = groups.map((group) => group.length).join(",");
  if (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(candidate)) return true;
  if (/^\d+\.\d+$/.test(candidate)) return true;
  // Dates, date-times and identifiers that start with a year: 2026-04-18 14, 2026.0418-7721.
  if (groups.length >= 2 && /^(?:19|20)\d\d$/.test(groups[0]!) && !candidate.startsWith("(")) return true;
  if (/^(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])$/.test(candidate)) return true;
  if (lengths === "2,2,4" && /^(?:19|20)\d\d$/.test(groups[2]!) && Number(groups[0]) <= 31 && Number(groups[1]) <= 31) return true;
  if (lengths === "6,7" || lengths === "3,2,5" || lengths === "3,2,4") return true;
  if (/^(?:4,4,4,4|4,4,4,4,3|4,6,5|4,6,4)$/.test(lengths) && luhnValid(digits)) return true;
  return false;
}
