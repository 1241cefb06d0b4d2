import { fileTypeFromBuffer, type FileTypeResult } from "file-type";
import { LoreError } from "@/lib/errors";
import type { ParsedDocument } from "@/lib/ingest/blocks";
import { cleanBlocks } from "@/lib/ingest/parsers/clean-blocks";
import { parseCsv } from "@/lib/ingest/parsers/csv";
import { byteOrderMark, decodeText } from "@/lib/ingest/parsers/decode-text";
import { parseDocx } from "@/lib/ingest/parsers/docx";
import { parseHtml } from "@/lib/ingest/parsers/html";
import { parseMarkdown } from "@/lib/ingest/parsers/markdown";
import { parsePdf } from "@/lib/ingest/parsers/pdf";
import { parsePlainText } from "@/lib/ingest/parsers/plain-text";
import { parsePptx } from "@/lib/ingest/parsers/pptx";
import { parseXlsx } from "@/lib/ingest/parsers/xlsx";

export type Format = { name: string; extensions: string[]; mimeType: string; parse(bytes: Uint8Array): Promise<ParsedDocument> };

/**
 * A binary format is recognised by its content (file-type's signature of it must be this format's
 * MIME type); a text format has no signature, so its content must only not be something else.
 */
type FormatSpec = Omit<Format, "parse"> & {
  /** How messages name a file of this format: "a PDF file", "an Excel file". */
  called: string;
  content: "binary" | "text";
  parse(bytes: Uint8Array, fileName: string): Promise<ParsedDocument>;
};

const FORMATS: FormatSpec[] = [
  { name: "PDF", called: "a PDF file", extensions: [".pdf"], mimeType: "application/pdf", content: "binary", parse: parsePdf },
  {
    name: "Word",
    called: "a Word file",
    extensions: [".docx"],
    mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    content: "binary",
    parse: parseDocx,
  },
  {
    name: "Excel",
    called: "an Excel file",
    extensions: [".xlsx"],
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    content: "binary",
    parse: parseXlsx,
  },
  {
    name: "PowerPoint",
    called: "a PowerPoint file",
    extensions: [".pptx"],
    mimeType: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    content: "binary",
    parse: parsePptx,
  },
  {
    name: "HTML",
    called: "an HTML file",
    extensions: [".html", ".htm"],
    mimeType: "text/html",
    content: "text",
    parse: async (bytes) => parseHtml(decodeText(bytes)),
  },
  {
    name: "CSV",
    called: "a CSV file",
    extensions: [".csv"],
    mimeType: "text/csv",
    content: "text",
    parse: async (bytes, name) => parseCsv(decodeText(bytes), name),
  },
  {
    name: "Markdown",
    called: "a Markdown file",
    extensions: [".md", ".markdown"],
    mimeType: "text/markdown",
    content: "text",
    parse: async (bytes) => parseMarkdown(decodeText(bytes)),
  },
  {
    name: "plain text",
    called: "a plain text file",
    extensions: [".txt", ".text"],
    mimeType: "text/plain",
    content: "text",
    parse: async (bytes) => parsePlainText(decodeText(bytes)),
  },
];

export const SUPPORTED_EXTENSIONS = FORMATS.flatMap((f) => f.extensions);

/**
 * The format of an upload, from its name, checked against its bytes: a lying extension is refused,
 * naming what the file claims to be and what it is. This is all that can be known about a file
 * without parsing it, so an upload is refused for these reasons at once. The format's `parse` then
 * parses and cleans the text; every problem with the file is a LoreError that names it.
 */
export async function formatOf(fileName: string, bytes: Uint8Array): Promise<Format> {
  const extension = /\.[^.]+$/.exec(fileName.toLowerCase())?.[0] ?? "";
  const format = FORMATS.find((f) => f.extensions.includes(extension));
  if (!format) {
    throw new LoreError("unsupported_media_type", "documents", `"${fileName}" is not a supported file type. Supported: ${SUPPORTED_EXTENSIONS.join(", ")}.`);
  }
  if (bytes.byteLength === 0) throw new LoreError("unprocessable", "documents", `"${fileName}" is empty (0 bytes).`);
  await checkContent(fileName, format, bytes);
  return {
    name: format.name,
    extensions: format.extensions,
    mimeType: format.mimeType,
    parse: async (file) => {
      const parsed = await format.parse(file, fileName);
      const blocks = cleanBlocks(parsed.blocks);
      if (!blocks.some((block) => block.kind !== "heading")) {
        throw new LoreError("unprocessable", "documents", `"${fileName}" contains no text to index.`);
      }
      return { ...parsed, blocks };
    },
  };
}

async function checkContent(fileName: string, format: FormatSpec, bytes: Uint8Array): Promise<void> {
  // The whole file, not a prefix: an Office file's type is only known from the entries of its ZIP directory.
  const detected = await fileTypeFromBuffer(bytes);
  if (format.content === "binary") {
    if (detected?.mime === format.mimeType) return;
    if (detected?.mime === "application/x-cfb" && format.mimeType.startsWith("application/vnd.openxmlformats")) {
      throw new LoreError(
        "unsupported_media_type",
        "documents",
        `"${fileName}" is not a ${format.extensions[0]} file: it is either password-protected or saved in the old Office 97–2003 format. Remove the password, or save it as ${format.extensions[0]}, and upload it again.`,
      );
    }
    const actually = detected ? `it is ${describe(detected)}` : `its content is not a valid ${format.name} file`;
    throw new LoreError("unsupported_media_type", "documents", `"${fileName}" is named as ${format.called}, but ${actually}.`);
  }
  if (detected && !isTextual(detected)) {
    throw new LoreError("unsupported_media_type", "documents", `"${fileName}" is named as ${format.called}, but it is ${describe(detected)}.`);
  }
  // Text never contains NUL bytes unless it is UTF-16, which announces itself with a byte-order mark.
  if (!byteOrderMark(bytes) && bytes.includes(0)) {
    throw new LoreError("unsupported_media_type", "documents", `"${fileName}" is named as ${format.called}, but its content is binary, not text.`);
  }
}

function isTextual(detected: FileTypeResult): boolean {
  return detected.mime.startsWith("text/") || detected.mime === "application/xml";
}

function describe(detected: FileTypeResult): string {
  const known = FORMATS.find((f) => f.mimeType === detected.mime);
  if (known) return known.called;
  if (detected.mime === "application/zip") return "a ZIP archive";
  return `a .${detected.ext} file (${detected.mime})`;
}
