/** What a parser makes of a file: its structure, so chunks can follow headings, items, rows and pages. */
export type Block =
  | { kind: "heading"; level: number; text: string; page?: number }
  | { kind: "paragraph" | "list-item" | "table-row" | "code"; text: string; page?: number };

export type ParsedDocument = {
  /** A title found in the file itself (first top-level heading), if any. */
  title: string | null;
  blocks: Block[];
};
