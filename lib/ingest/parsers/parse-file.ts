import { LoreError } from "@/lib/errors";
import type { ParsedDocument } from "@/lib/ingest/blocks";
import { formatOf } from "@/lib/ingest/formats";
import { cleanText } from "@/lib/text/hygiene";

// Deeper than any document a person writes; a list or quote nested past it is an attack on the parser
// (marked's time and memory grow roughly with the cube of the depth), refused before parsing.
const MAX_MARKDOWN_DEPTH = 100;

/** Parses one upload into clean blocks, as the parse thread runs it (see sandbox.ts). */
export async function parseFile(fileName: string, bytes: Uint8Array): Promise<ParsedDocument> {
  const format = await formatOf(fileName, bytes);
  if (format.name === "Markdown") refuseDeepMarkdown(fileName, bytes);
  const parsed = await format.parse(bytes);
  return { ...parsed, title: parsed.title === null ? null : cleanText(parsed.title) };
}

function refuseDeepMarkdown(fileName: string, bytes: Uint8Array): void {
  const text = new TextDecoder().decode(bytes);
  for (const line of text.split("\n")) {
    const indent = /^[ \t>]*/.exec(line)![0];
    const quotes = indent.split(">").length - 1;
    const columns = indent.replaceAll(">", "").replaceAll("\t", "    ").length;
    // A nested list item is indented by at least two columns per level.
    if (quotes > MAX_MARKDOWN_DEPTH || (columns > 2 * MAX_MARKDOWN_DEPTH && /^[ \t>]*([-*+]|\d+[.)])\s/.test(line))) {
      throw tooDeeplyNested(fileName);
    }
  }
}

export function tooDeeplyNested(fileName: string): LoreError {
  return new LoreError(
    "unprocessable",
    "documents",
    `"${fileName}" is too deeply nested to be read: its lists, quotes or elements go deeper than any document's structure should.`,
  );
}
