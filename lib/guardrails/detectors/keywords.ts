import { finding, type Detector, type Finding } from "@/lib/guardrails/findings";
import { deobfuscate, originalSpan } from "@/lib/guardrails/normalize";

export type KeywordDetectorOptions = {
  name: string;
  /** Words or phrases to report (a blocked topic), in any language. */
  deny: string[];
  /** Phrases that make an overlapping deny hit acceptable, e.g. deny "kill", allow "kill the process". */
  allow?: string[];
};

/**
 * A detector for an administrator's blocked topics. Matching is case-insensitive and sees through
 * full-width letters, look-alike letters and zero-width characters (NFKC folding). Latin terms match
 * whole words; Hangul terms match inside words, because Korean attaches particles and endings
 * ("기밀을", "기밀문서") and a whole-word rule would miss them. Spaces in a phrase match any whitespace.
 */
export function keywordDetector({ name, deny, allow = [] }: KeywordDetectorOptions): Detector {
  const denyPattern = termsPattern(deny);
  const allowPattern = termsPattern(allow);
  return {
    name,
    scan(text: string): Finding[] {
      if (!denyPattern) return [];
      const folded = deobfuscate(text);
      const allowed = allowPattern ? [...folded.text.matchAll(allowPattern)].map((m) => [m.index, m.index + m[0].length] as const) : [];
      const findings: Finding[] = [];
      for (const match of folded.text.matchAll(denyPattern)) {
        const from = match.index;
        const to = from + match[0].length;
        if (allowed.some(([start, end]) => start < to && from < end)) continue;
        const span = originalSpan(folded, from, to);
        findings.push(finding(name, "BLOCKED_TOPIC", text, span.start, span.end, 0.9));
      }
      return findings;
    },
  };
}

/**
 * One alternation of all terms, longest first so "machine learning" wins over "machine". A term is
 * folded like the text; word boundaries are added on the sides where the term starts or ends with a
 * Latin letter or digit, and an English plural ending is allowed ("bomb" matches "bombs").
 */
function termsPattern(terms: string[]): RegExp | null {
  const alternatives = [...new Set(terms.map((term) => deobfuscate(term.trim()).text).filter(Boolean))]
    .sort((a, b) => b.length - a.length)
    .map((term) => {
      const body = term.split(/\s+/).map(escapeRegExp).join("\\s+");
      const startsWord = /^[\p{Script=Latin}\p{N}]/u.test(term) ? "(?<![\\p{L}\\p{N}])" : "";
      const endsWord = /[\p{Script=Latin}]$/u.test(term) ? "(?:s|es)?(?![\\p{L}\\p{N}])" : /\p{N}$/u.test(term) ? "(?![\\p{L}\\p{N}])" : "";
      return `${startsWord}${body}${endsWord}`;
    });
  return alternatives.length > 0 ? new RegExp(alternatives.join("|"), "gu") : null;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
