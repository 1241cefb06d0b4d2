import { extractText, getDocumentProxy } from "unpdf";
import { LoreError } from "@/lib/errors";
import type { Block, ParsedDocument } from "@/lib/ingest/blocks";

/**
 * PDF text page by page, each block keeping its page number for citations. PDFs carry no reliable
 * headings or paragraphs, so a page is split into paragraphs at blank lines only and lines within
 * one are kept. A file that is cut short, locked with a password, or holds only images is refused
 * with a message saying which.
 */
export async function parsePdf(bytes: Uint8Array, fileName: string): Promise<ParsedDocument> {
  if (!endsWithEofMarker(bytes)) {
    throw new LoreError(
      "unprocessable",
      "documents",
      `"${fileName}" is an incomplete PDF: the file is cut short (it has no end-of-file marker). Upload the complete file.`,
    );
  }
  const pages = await pageTexts(bytes, fileName);
  const blocks: Block[] = pages.flatMap((text, index) =>
    text
      .split(/\n\s*\n/)
      .filter((paragraph) => paragraph.trim())
      .map((paragraph): Block => ({ kind: "paragraph", text: paragraph, page: index + 1 })),
  );
  // U+0001 and similar stand in for spaces in some PDFs; only real letters count as text.
  if (!pages.some((text) => /[\p{L}\p{N}]/u.test(text))) {
    throw new LoreError(
      "unprocessable",
      "documents",
      `"${fileName}" has no extractable text: its pages look like scanned images, and OCR is not supported. Upload a PDF with a text layer.`,
    );
  }
  return { title: null, blocks, pageCount: pages.length };
}

async function pageTexts(bytes: Uint8Array, fileName: string): Promise<string[]> {
  try {
    // pdf.js takes ownership of (detaches) the buffer it is given; the caller still needs its bytes.
    const pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
    try {
      return (await extractText(pdf, { mergePages: false })).text;
    } finally {
      await pdf.loadingTask.destroy();
    }
  } catch (error) {
    const name = error instanceof Error ? error.name : "";
    if (name === "PasswordException") {
      throw new LoreError("unprocessable", "documents", `"${fileName}" is password-protected (encrypted). Remove the password and upload it again.`);
    }
    if (name === "InvalidPDFException" || name === "FormatError" || name === "UnknownErrorException") {
      throw new LoreError("unprocessable", "documents", `"${fileName}" is a damaged PDF and cannot be read.`);
    }
    throw error;
  }
}

/** The PDF end-of-file marker, which writers put last; readers accept it within the last kilobyte. */
function endsWithEofMarker(bytes: Uint8Array): boolean {
  const tail = new TextDecoder("latin1").decode(bytes.subarray(Math.max(0, bytes.byteLength - 1024)));
  return tail.includes("%%EOF");
}
