import mammoth from "mammoth";
import type { ParsedDocument } from "@/lib/ingest/blocks";
import { parseHtml } from "@/lib/ingest/parsers/html";
import { openZipWithinLimits } from "@/lib/ingest/parsers/open-zip";

/**
 * Word documents through mammoth's HTML, which keeps what the author structured: heading styles
 * become headings, lists list items, tables table rows. Images are left out (no OCR).
 */
export async function parseDocx(bytes: Uint8Array, fileName: string): Promise<ParsedDocument> {
  await openZipWithinLimits(bytes, fileName, "Word");
  const { value: html } = await mammoth.convertToHtml(
    { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
    { convertImage: mammoth.images.imgElement(async () => ({ src: "" })) },
  );
  return parseHtml(html);
}
