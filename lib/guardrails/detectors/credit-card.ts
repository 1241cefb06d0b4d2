import { luhnValid } from "@/lib/guardrails/detectors/checksums";
import { hasContext } from "@/lib/guardrails/detectors/context";
import { finding, type Detector, type Finding } from "@/lib/guardrails/findings";

// Unbroken 12-19 digits, or the printed layouts: 4-4-4-4(-3), Amex 4-6-5 and Diners 4-6-4, with one
// kind of separator. Lookarounds keep a scan from starting or ending inside a longer number.
const UNBROKEN = /(?<![\w-])\d{12,19}(?![\w]|[.-]\d)/g;
const GROUPED = /(?<![\w-])\d{4}([ -])(?:\d{4}\1\d{4}\1\d{4}(?:\1\d{3})?|\d{6}\1\d{4,5})(?![\w]|[ .-]?\d)/g;

const CARD_WORDS = /card|credit|debit|\bcc\b|visa|master|amex|카드|신용|체크|결제/i;

/** Issuer prefixes (IIN ranges) of the card networks in wide use, including Korean domestic BC cards. */
const KNOWN_ISSUER = /^(?:4|5[1-5]|2(?:2[2-9]|[3-6]\d|7[01]|720)|3[47]|3(?:0[0-5]|[68])|6(?:011|5|4[4-9]|2)|35|9410|50|5[06-9]|6[0-9])/;

/** Payment card numbers that pass the Luhn check; issuer prefix or a word like "card" raises confidence. */
export const creditCardDetector: Detector = {
  name: "credit_card",
  scan(text: string): Finding[] {
    const findings: Finding[] = [];
    for (const pattern of [GROUPED, UNBROKEN]) {
      for (const match of text.matchAll(pattern)) {
        const digits = match[0].replace(/\D/g, "");
        if (!luhnValid(digits) || /^(\d)\1+$/.test(digits)) continue;
        const start = match.index;
        const end = start + match[0].length;
        const context = hasContext(text, start, end, CARD_WORDS);
        const confidence = KNOWN_ISSUER.test(digits) ? (context || pattern === GROUPED ? 0.95 : 0.8) : context ? 0.75 : 0.55;
        findings.push(finding("credit_card", "CREDIT_CARD", text, start, end, confidence));
      }
    }
    return findings;
  },
};
