import type JSZip from "jszip";
import { parse, type HTMLElement } from "node-html-parser";
import type { Block, ParsedDocument } from "@/lib/ingest/blocks";
import { openZipWithinLimits } from "@/lib/ingest/parsers/open-zip";
import { rowText } from "@/lib/ingest/parsers/table-rows";

/**
 * PowerPoint decks: each slide, in presentation order, is a heading "Slide N: title" followed by its
 * text boxes' paragraphs and its tables' rows; every block carries the slide number as its page.
 * Speaker notes, charts and images are not read.
 */
export async function parsePptx(bytes: Uint8Array, fileName: string): Promise<ParsedDocument> {
  const zip = await openZipWithinLimits(bytes, fileName, "PowerPoint");
  const slidePaths = await slidesInOrder(zip);
  const blocks: Block[] = [];
  let deckTitle: string | null = null;
  for (const [index, path] of slidePaths.entries()) {
    const page = index + 1;
    const slide = xml(await zip.file(path)!.async("string"));
    const shapes = slide.getElementsByTagName("p:sp");
    const titleShape = shapes.find(isTitle);
    const title = titleShape ? paragraphs(titleShape).join(" ") : "";
    deckTitle ??= title || null;
    blocks.push({ kind: "heading", level: 1, text: title ? `Slide ${page}: ${title}` : `Slide ${page}`, page });
    for (const shape of shapes) {
      if (shape === titleShape) continue;
      for (const text of paragraphs(shape)) blocks.push({ kind: "paragraph", text, page });
    }
    for (const table of slide.getElementsByTagName("a:tbl")) {
      for (const text of tableRows(table)) blocks.push({ kind: "table-row", text, page });
    }
  }
  return { title: deckTitle, blocks, pageCount: slidePaths.length };
}

// The XML is simple and well-formed; node-html-parser, kept case-sensitive, reads it as elements.
function xml(source: string): HTMLElement {
  return parse(source, { lowerCaseTagName: false, blockTextElements: {} });
}

/** Slide files in the order presentation.xml lists them, resolved through its relationships. */
async function slidesInOrder(zip: JSZip): Promise<string[]> {
  const presentation = xml((await zip.file("ppt/presentation.xml")?.async("string")) ?? "");
  const relationships = xml((await zip.file("ppt/_rels/presentation.xml.rels")?.async("string")) ?? "");
  const targets = new Map(relationships.getElementsByTagName("Relationship").map((r) => [r.getAttribute("Id"), r.getAttribute("Target")] as const));
  return presentation
    .getElementsByTagName("p:sldId")
    .map((slide) => targets.get(slide.getAttribute("r:id")))
    .filter((target): target is string => Boolean(target))
    .map((target) => (target.startsWith("/") ? target.slice(1) : `ppt/${target}`))
    .filter((path) => zip.file(path) !== null);
}

function isTitle(shape: HTMLElement): boolean {
  const placeholder = shape.getElementsByTagName("p:ph")[0];
  return ["title", "ctrTitle"].includes(placeholder?.getAttribute("type") ?? "");
}

/** A text box's paragraphs (<a:p>), each the concatenation of its runs; line breaks read as spaces. */
function paragraphs(container: HTMLElement): string[] {
  return container
    .getElementsByTagName("a:p")
    .map((p) =>
      p
        .getElementsByTagName("*")
        .map((node) => (node.rawTagName === "a:t" ? node.text : node.rawTagName === "a:br" ? " " : ""))
        .join(""),
    )
    .filter((text) => text.trim());
}

function tableRows(table: HTMLElement): string[] {
  const rows = table.getElementsByTagName("a:tr").map((row) =>
    row.getElementsByTagName("a:tc").map((cell) =>
      cell
        .getElementsByTagName("a:t")
        .map((t) => t.text)
        .join(" "),
    ),
  );
  const [header, ...records] = rows;
  if (!header) return [];
  return records.length ? records.map((cells) => rowText(header, cells)) : [rowText([], header)];
}
