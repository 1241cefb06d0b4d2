import type { Finding } from "@/lib/guardrails/findings";

/** "redact" replaces a finding with its type (`[EMAIL]`); "mask" hides all but a recognisable remainder. */
export type RedactionStyle = "redact" | "mask";

/**
 * The text with each finding replaced. Overlapping findings (a phone number inside a longer account
 * number, two detectors on one span) are resolved first: the longest span wins, then the more
 * confident one, so one placeholder covers the whole sensitive value. The style may differ per
 * finding, as a policy sets it per detector.
 */
export function redact(text: string, findings: Finding[], style: RedactionStyle | ((finding: Finding) => RedactionStyle)): string {
  const styleOf = typeof style === "function" ? style : () => style;
  let result = "";
  let cursor = 0;
  for (const item of resolveOverlaps(findings)) {
    result += text.slice(cursor, item.start);
    const value = text.slice(item.start, item.end);
    result += styleOf(item) === "redact" ? `[${item.type}]` : mask(value, item.type);
    cursor = item.end;
  }
  return result + text.slice(cursor);
}

/** Non-overlapping findings in text order: longest first, then most confident, then earliest. */
export function resolveOverlaps(findings: Finding[]): Finding[] {
  const ranked = findings
    .filter((item) => item.end > item.start)
    .sort((a, b) => b.end - b.start - (a.end - a.start) || b.confidence - a.confidence || a.start - b.start);
  // Kept findings stay sorted by start, so a candidate only needs checking against its two neighbours.
  const kept: Finding[] = [];
  for (const candidate of ranked) {
    let low = 0;
    let high = kept.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (kept[middle]!.start < candidate.start) low = middle + 1;
      else high = middle;
    }
    const before = kept[low - 1];
    const after = kept[low];
    if ((before && before.end > candidate.start) || (after && after.start < candidate.end)) continue;
    kept.splice(low, 0, candidate);
  }
  return kept;
}

const KEPT_TAIL = 4;

/**
 * Masking keeps what a person needs to recognise their own value and nothing more: the last four
 * letters or digits of a number (`****-****-****-1234`), the first letter of each part of a name
 * (`홍**`, `J*** S****`), the first letter and domain of an e-mail address. Secrets are masked whole.
 */
function mask(value: string, type: string): string {
  switch (type) {
    case "PERSON":
      return value.replace(/\p{L}+/gu, (word) => [...word][0] + "*".repeat([...word].length - 1));
    case "EMAIL": {
      const at = value.indexOf("@");
      return at > 0 ? value[0] + "*".repeat(at - 1) + value.slice(at) : maskAll(value);
    }
    case "SECRET":
      return maskAll(value);
    default:
      return maskAllButTail(value);
  }
}

function maskAll(value: string): string {
  return value.replace(/[\p{L}\p{N}]/gu, "*");
}

function maskAllButTail(value: string): string {
  const characters = [...value];
  const alphanumeric = characters.filter((c) => /[\p{L}\p{N}]/u.test(c)).length;
  // A value no longer than the kept tail would be shown whole; mask it all instead.
  let visible = alphanumeric > KEPT_TAIL ? KEPT_TAIL : 0;
  for (let i = characters.length - 1; i >= 0; i--) {
    if (!/[\p{L}\p{N}]/u.test(characters[i]!)) continue;
    if (visible > 0) visible--;
    else characters[i] = "*";
  }
  return characters.join("");
}
