/**
 * Whether words that name an identifier ("passport", "여권", "card") appear just before or after a
 * match. Only a short window is read, so the cost does not grow with the text.
 */
export function hasContext(text: string, start: number, end: number, words: RegExp, before = 48, after = 24): boolean {
  return words.test(text.slice(Math.max(0, start - before), start)) || words.test(text.slice(end, end + after));
}

/** The same, looking only at what comes before the match (labels such as "Name:" precede the value). */
export function hasContextBefore(text: string, start: number, words: RegExp, before = 48): boolean {
  return words.test(text.slice(Math.max(0, start - before), start));
}
