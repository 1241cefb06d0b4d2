import { LoreError } from "@/lib/errors";
import type { ParsedDocument } from "@/lib/ingest/blocks";
import { decodeText } from "@/lib/ingest/parsers/decode-text";
import { parseMarkdown } from "@/lib/ingest/parsers/markdown";
import { parsePlainText } from "@/lib/ingest/parsers/plain-text";

type Format = { name: string; extensions: string[]; mimeType: string; parse(bytes: Uint8Array): Promise<ParsedDocument> };

const FORMATS: Format[] = [
  { name: "Markdown", extensions: [".md", ".markdown"], mimeType: "text/markdown", parse: async (bytes) => parseMarkdown(decodeText(bytes)) },
  { name: "Plain text", extensions: [".txt", ".text"], mimeType: "text/plain", parse: async (bytes) => parsePlainText(decodeText(bytes)) },
];

export const SUPPORTED_EXTENSIONS = FORMATS.flatMap((f) => f.extensions);

/** The format of an upload, from its name, checked against its bytes: a lying extension is refused. */
export function formatOf(fileName: string, bytes: Uint8Array): Format {
  const extension = /\.[^.]+$/.exec(fileName.toLowerCase())?.[0] ?? "";
  const format = FORMATS.find((f) => f.extensions.includes(extension));
  if (!format) {
    throw new LoreError(
      "unsupported_media_type",
      "documents",
      `"${fileName}" is not a supported file type. Supported: ${SUPPORTED_EXTENSIONS.join(", ")}.`,
    );
  }
  if (looksBinary(bytes)) {
    throw new LoreError("unsupported_media_type", "documents", `"${fileName}" is named like ${format.name} but its content is binary.`);
  }
  return format;
}

// Text never contains NUL bytes; binary formats (PDF, ZIP, images) nearly always do early on.
function looksBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, 8192).includes(0);
}
