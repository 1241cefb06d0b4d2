/**
 * Bytes of a text file as a string. UTF-8 is tried strictly first; Korean files saved by older
 * Windows tools are often EUC-KR/CP949, which the WHATWG "euc-kr" decoder reads (it is CP949).
 * A byte-order mark is dropped either way.
 */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder("euc-kr").decode(bytes);
  }
}
