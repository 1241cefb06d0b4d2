import { IBAN_LENGTHS, ibanValid } from "@/lib/guardrails/detectors/checksums";
import { finding, type Detector, type Finding } from "@/lib/guardrails/findings";

// Country code, check digits, then 11-30 characters, printed compact or in groups of four. The
// candidate may run past the IBAN into a following word; it is cut to the country's length below.
const CANDIDATE = /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,34}(?![A-Za-z0-9])/gi;

/** IBANs validated with the ISO 13616 mod-97 check and the country's length. */
export const ibanDetector: Detector = {
  name: "iban",
  scan(text: string): Finding[] {
    const findings: Finding[] = [];
    for (const match of text.matchAll(CANDIDATE)) {
      const span = validPrefix(match[0]);
      if (span === null) continue;
      findings.push(finding("iban", "IBAN", text, match.index, match.index + span, 0.95));
    }
    return findings;
  },
};

/** Length of the leading part of `candidate` that is a valid IBAN, or null. */
function validPrefix(candidate: string): number | null {
  const country = candidate.slice(0, 2).toUpperCase();
  const expected = IBAN_LENGTHS[country];
  let compact = "";
  for (let i = 0; i < candidate.length; i++) {
    if (candidate[i] === " ") continue;
    compact += candidate[i];
    const done = expected !== undefined ? compact.length === expected : i === candidate.length - 1;
    if (done) return ibanValid(compact) && (i === candidate.length - 1 || candidate[i + 1] === " ") ? i + 1 : null;
  }
  return null;
}
