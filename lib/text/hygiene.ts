/**
 * Text that Postgres can store and every later reader can trust: NUL characters (which Postgres
 * text refuses) are removed and lone UTF-16 surrogates (which no encoder can write) become U+FFFD.
 * Applied at every door text comes in by: questions, policy fields, parsed uploads, model output.
 */
export function cleanText(text: string): string {
  return text.replaceAll("\u0000", "").toWellFormed();
}

/** Whether a text would be changed by cleanText: for inputs that are refused rather than repaired. */
export function isCleanText(text: string): boolean {
  return !text.includes("\u0000") && text.isWellFormed();
}
