import type { Block } from "@/lib/ingest/blocks";
import { cleanText as storableText } from "@/lib/text/hygiene";

/**
 * The same clean text whatever the format: Unicode NFC (macOS and some PDFs give Hangul as
 * decomposed jamo, which neither search nor the reader handles well), control characters as spaces
 * (Chromium-printed PDFs give U+0001 for a space), no invisible characters, and runs of spaces
 * collapsed, and no lone surrogate (which encoders refuse). Code keeps its indentation and line
 * breaks; other blocks keep line breaks only. Blocks left with no text are dropped.
 */
export function cleanBlocks(blocks: Block[]): Block[] {
  return blocks.flatMap((block) => {
    const text = cleanText(block.text, block.kind);
    return text ? [{ ...block, text }] : [];
  });
}

function cleanText(text: string, kind: Block["kind"]): string {
  // Control characters become spaces before anything else: a PDF's stand-in for a space may be a NUL,
  // which storableText would otherwise drop, joining the words.
  const normalised = storableText(text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g, " "))
    .normalize("NFC")
    .replace(/\r\n?/g, "\n")
    // Soft hyphens, zero-width spaces, word joiners, BOMs, and private-use glyphs (Word's symbol-font bullets).
    .replace(/[\u00AD\u200B\u2060\uFEFF\uE000-\uF8FF]/g, "");
  if (kind === "code") return normalised.replace(/[ \t]+$/gm, "").replace(/^\n+|\n+$/g, "");
  const lines = normalised
    .split("\n")
    .map((line) => line.replace(/\s+/g, " ").trim())
    .filter(Boolean);
  return kind === "heading" ? lines.join(" ") : lines.join("\n");
}
