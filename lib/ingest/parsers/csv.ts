import Papa from "papaparse";
import { LoreError } from "@/lib/errors";
import type { ParsedDocument } from "@/lib/ingest/blocks";
import { recordBlocks } from "@/lib/ingest/parsers/table-rows";

/** CSV (comma, semicolon or tab, detected): each data row becomes "column: value | column: value". */
export function parseCsv(source: string, fileName: string): ParsedDocument {
  const { data, errors } = Papa.parse<string[]>(source, { skipEmptyLines: "greedy" });
  // An unterminated quote swallows the rest of the file into one cell: refuse rather than index that.
  const unterminated = errors.find((error) => error.code === "MissingQuotes");
  if (unterminated) {
    const where = unterminated.row === undefined ? "" : ` in row ${unterminated.row + 1}`;
    throw new LoreError("unprocessable", "documents", `"${fileName}" is not valid CSV: a quoted field${where} is never closed.`);
  }
  return { title: null, blocks: recordBlocks(data) };
}
