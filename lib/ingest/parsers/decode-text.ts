/**
 * Bytes of a text file as a string. A byte-order mark decides when there is one (Windows Notepad
 * saves "Unicode" as UTF-16). Otherwise UTF-8 is tried strictly first; Korean files saved by older
 * Windows tools are often EUC-KR/CP949, which the WHATWG "euc-kr" decoder reads (it is CP949).
 * When neither reads cleanly (say, UTF-8 cut mid-character), the one with fewer undecodable bytes
 * wins, so one bad byte does not turn a whole UTF-8 file into mojibake.
 */
export function decodeText(bytes: Uint8Array): string {
  const bom = byteOrderMark(bytes);
  if (bom) return new TextDecoder(bom).decode(bytes);
  for (const encoding of ["utf-8", "euc-kr"]) {
    try {
      return new TextDecoder(encoding, { fatal: true }).decode(bytes);
    } catch {
      // not this encoding; try the next
    }
  }
  const candidates = ["utf-8", "euc-kr"].map((encoding) => new TextDecoder(encoding).decode(bytes));
  return candidates.reduce((best, text) => (replacements(text) < replacements(best) ? text : best));
}

/** The UTF-16 encoding a byte-order mark announces, if the text starts with one. */
export function byteOrderMark(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  return null;
}

function replacements(text: string): number {
  return text.split("\uFFFD").length - 1;
}
