/** What a parser makes of a file: its structure, so chunks can follow headings, items, rows and pages. */
export type Block = { kind: "heading"; level: number; text: string; page?: number } | { kind: ContentKind; text: string; page?: number };

export type ContentKind = "paragraph" | "list-item" | "table-row" | "code";

export type ParsedDocument = {
  /** A title found in the file itself (first top-level heading), if any. */
  title: string | null;
  blocks: Block[];
  /** Pages of a PDF or slides of a presentation, for formats that have them. */
  pageCount?: number;
};
