import { Lexer, type Token, type Tokens } from "marked";
import type { Block, ParsedDocument } from "@/lib/ingest/blocks";
import { parseHtml } from "@/lib/ingest/parsers/html";

/** Markdown by its structure: headings, paragraphs, list items, table rows (with their header), code. */
export function parseMarkdown(source: string): ParsedDocument {
  const blocks: Block[] = [];
  collect(new Lexer().lex(source), blocks);
  const firstHeading = blocks.find((b) => b.kind === "heading" && b.level === 1);
  return { title: firstHeading?.text ?? null, blocks };
}

function collect(tokens: Token[], blocks: Block[]): void {
  for (const token of tokens) {
    switch (token.type) {
      case "heading":
        blocks.push({ kind: "heading", level: (token as Tokens.Heading).depth, text: plain(token.text) });
        break;
      case "paragraph":
      case "text":
        pushText(blocks, "paragraph", plain(token.text ?? token.raw));
        break;
      case "blockquote":
        collect((token as Tokens.Blockquote).tokens, blocks);
        break;
      case "list":
        for (const item of (token as Tokens.List).items) pushText(blocks, "list-item", plain(item.text));
        break;
      case "table": {
        const table = token as Tokens.Table;
        const header = table.header.map((cell) => plain(cell.text));
        for (const row of table.rows) {
          const cells = row.map((cell, i) => (header[i] ? `${header[i]}: ${plain(cell.text)}` : plain(cell.text)));
          pushText(blocks, "table-row", cells.join(" | "));
        }
        break;
      }
      case "code":
        pushText(blocks, "code", (token as Tokens.Code).text);
        break;
      case "html":
        blocks.push(...parseHtml(token.raw).blocks);
        break;
      default:
        break; // space, hr, def: no text of their own
    }
  }
}

function pushText(blocks: Block[], kind: "paragraph" | "list-item" | "table-row" | "code", text: string): void {
  const trimmed = text.trim();
  if (trimmed) blocks.push({ kind, text: trimmed });
}

// Inline markup (emphasis, links, code spans) adds nothing to search or citations.
function plain(text: string): string {
  return text
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/(\*\*|__|\*|_|~~|`)(?=\S)([\s\S]*?\S)\1/g, "$2")
    .replace(/[ \t]+/g, " ")
    .trim();
}
