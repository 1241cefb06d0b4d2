import type { Block } from "@/lib/ingest/blocks";

/**
 * One table row as text that stands on its own: "Header: value | Header: value". Empty cells are
 * left out; a cell under no header keeps its value alone. Every row carrying its column names is
 * what keeps a chunk of rows readable without the header row, wherever the chunker cuts the table.
 */
export function rowText(header: string[], cells: string[]): string {
  return cells
    .map((cell, i) => {
      const value = oneLine(cell);
      if (!value) return "";
      const name = oneLine(header[i] ?? "");
      return name ? `${name}: ${value}` : value;
    })
    .filter(Boolean)
    .join(" | ");
}

/**
 * A sheet of records (CSV, a worksheet) as blocks. The header is the first row with at least two
 * different values; rows above it that hold a single value (a title typed above the table, often
 * merged across it) become paragraphs. Columns without a name are called "Column N".
 */
export function recordBlocks(rows: string[][]): Block[] {
  const filled = rows.filter((row) => row.some((cell) => oneLine(cell)));
  const headerIndex = filled.findIndex((row) => new Set(row.map(oneLine).filter(Boolean)).size >= 2);
  if (headerIndex === -1) return filled.map((row): Block => ({ kind: "paragraph", text: rowText([], row) }));
  const captions = filled.slice(0, headerIndex).map((row): Block => ({ kind: "paragraph", text: rowText([], [...new Set(row)]) }));
  const header = filled[headerIndex]!.map((cell, i) => oneLine(cell) || `Column ${i + 1}`);
  const records = filled.slice(headerIndex + 1).map((row): Block => {
    const names = row.map((_, i) => header[i] ?? `Column ${i + 1}`);
    return { kind: "table-row", text: rowText(names, row) };
  });
  // A header with no rows under it is still the sheet's text.
  const headerOnly: Block = { kind: "table-row", text: header.join(" | ") };
  return [...captions, ...(records.length ? records : [headerOnly])];
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
