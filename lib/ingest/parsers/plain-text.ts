import type { Block, ParsedDocument } from "@/lib/ingest/blocks";

/** Plain text: paragraphs are separated by blank lines; lines within one are joined. */
export function parsePlainText(source: string): ParsedDocument {
  const blocks: Block[] = source
    .replace(/\r\n?/g, "\n")
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.replace(/\s*\n\s*/g, " ").trim())
    .filter(Boolean)
    .map((text) => ({ kind: "paragraph", text }));
  return { title: null, blocks };
}
