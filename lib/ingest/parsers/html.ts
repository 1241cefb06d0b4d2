import { parse, type HTMLElement, type Node, NodeType } from "node-html-parser";
import type { Block, ContentKind, ParsedDocument } from "@/lib/ingest/blocks";
import { rowText } from "@/lib/ingest/parsers/table-rows";

/**
 * HTML by its structure: headings, paragraphs, list items, table rows ("Header: value | ..."), and
 * preformatted code. Scripts, styles, forms' controls and navigation are not content. When the page
 * marks its content with <main> or a single <article>, only that is read, which leaves out site chrome.
 * The title is the first <h1>, else the <title>.
 */
export function parseHtml(source: string): ParsedDocument {
  const document = parse(source, { blockTextElements: { script: false, style: false, noscript: false, template: false } });
  const blocks = new BlockWriter().write(contentRoot(document));
  const firstHeading = blocks.find((b) => b.kind === "heading" && b.level === 1);
  const title = firstHeading?.text ?? (textOf(document.querySelector("title")) || null);
  return { title, blocks };
}

const SKIPPED = new Set(["head", "script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "nav", "button", "select", "textarea"]);
const SKIPPED_ROLES = new Set(["navigation", "banner", "contentinfo", "search"]);
const BLOCK = new Set([
  "address",
  "article",
  "aside",
  "blockquote",
  "body",
  "caption",
  "dd",
  "details",
  "dialog",
  "div",
  "dl",
  "dt",
  "fieldset",
  "figcaption",
  "figure",
  "footer",
  "form",
  "header",
  "hr",
  "html",
  "li",
  "main",
  "ol",
  "p",
  "section",
  "summary",
  "ul",
]);

function contentRoot(document: HTMLElement): HTMLElement {
  const mains = document.querySelectorAll("main");
  if (mains.length === 1) return mains[0]!;
  const articles = document.querySelectorAll("article");
  if (articles.length === 1) return articles[0]!;
  return document.querySelector("body") ?? document;
}

function isSkipped(element: HTMLElement): boolean {
  return (
    SKIPPED.has(element.tagName.toLowerCase()) ||
    SKIPPED_ROLES.has(element.getAttribute("role") ?? "") ||
    element.hasAttribute("hidden") ||
    element.getAttribute("aria-hidden") === "true"
  );
}

/** Walks the tree, gathering inline text until a block boundary ends it as one block of the current kind. */
class BlockWriter {
  private readonly blocks: Block[] = [];
  private inline = "";

  write(root: HTMLElement): Block[] {
    this.walk(root, "paragraph");
    this.flush("paragraph");
    return this.blocks;
  }

  private walk(node: Node, kind: ContentKind): void {
    for (const child of node.childNodes) {
      if (child.nodeType === NodeType.TEXT_NODE) {
        this.inline += child.text;
        continue;
      }
      if (child.nodeType !== NodeType.ELEMENT_NODE) continue;
      const element = child as HTMLElement;
      if (isSkipped(element)) continue;
      const tag = element.tagName.toLowerCase();
      const heading = /^h([1-6])$/.exec(tag);
      if (heading) {
        this.flush(kind);
        this.blocks.push({ kind: "heading", level: Number(heading[1]), text: textOf(element) });
      } else if (tag === "table") {
        this.flush(kind);
        for (const text of tableRows(element)) this.blocks.push({ kind: "table-row", text });
      } else if (tag === "pre") {
        this.flush(kind);
        this.blocks.push({ kind: "code", text: element.text });
      } else if (tag === "br") {
        this.inline += "\n";
      } else if (BLOCK.has(tag)) {
        this.flush(kind);
        this.walk(element, tag === "li" ? "list-item" : kind);
        this.flush(tag === "li" ? "list-item" : kind);
      } else {
        this.walk(element, kind);
      }
    }
  }

  private flush(kind: ContentKind): void {
    if (this.inline.trim()) this.blocks.push({ kind, text: this.inline });
    this.inline = "";
  }
}

/**
 * A table's rows as text. The header is a first row of <th> cells; a table with no <th> at all
 * takes its first row as the header (Word tables rarely mark one, and mostly have one).
 */
function tableRows(table: HTMLElement): string[] {
  const rows = table
    .querySelectorAll("tr")
    .filter((row) => closestTable(row) === table)
    .map((row) => row.childNodes.filter((cell): cell is HTMLElement => isCell(cell)));
  const first = rows[0];
  if (!first) return [];
  const hasTh = rows.some((row) => row.some((cell) => cell.tagName === "TH"));
  const headed = first.every((cell) => cell.tagName === "TH") || (!hasTh && rows.length > 1);
  const texts = rows.map((row) => row.map(textOf));
  if (!headed) return texts.map((cells) => rowText([], cells));
  const header = texts[0]!;
  return texts.slice(1).map((cells) => rowText(header, cells));
}

function isCell(node: Node): node is HTMLElement {
  return node.nodeType === NodeType.ELEMENT_NODE && ["TD", "TH"].includes((node as HTMLElement).tagName);
}

// Rows of a table nested in a cell belong to that inner table (whose text is already in the cell).
function closestTable(element: HTMLElement): HTMLElement | null {
  let parent = element.parentNode;
  while (parent && parent.tagName !== "TABLE") parent = parent.parentNode;
  return parent;
}

/** Text of an element with block boundaries and line breaks read as spaces. */
function textOf(element: HTMLElement | null): string {
  if (!element) return "";
  const parts: string[] = [];
  const visit = (node: Node) => {
    if (node.nodeType === NodeType.TEXT_NODE) parts.push(node.text);
    if (node.nodeType !== NodeType.ELEMENT_NODE || isSkipped(node as HTMLElement)) return;
    const tag = (node as HTMLElement).tagName.toLowerCase();
    const separated = BLOCK.has(tag) || tag === "br" || tag === "td" || tag === "th" || tag === "tr";
    if (separated) parts.push(" ");
    node.childNodes.forEach(visit);
    if (separated) parts.push(" ");
  };
  element.childNodes.forEach(visit);
  return parts.join("").replace(/\s+/g, " ").trim();
}
