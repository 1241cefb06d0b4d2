import ExcelJS from "exceljs";
import type { Block, ParsedDocument } from "@/lib/ingest/blocks";
import { openZipWithinLimits } from "@/lib/ingest/parsers/open-zip";
import { recordBlocks } from "@/lib/ingest/parsers/table-rows";

/**
 * Excel workbooks: each worksheet is a heading with its name, and its rows records under their
 * header ("column: value | ..."). Cells read as Excel shows their value, formulas by their result.
 */
export async function parseXlsx(bytes: Uint8Array, fileName: string): Promise<ParsedDocument> {
  await openZipWithinLimits(bytes, fileName, "Excel");
  const workbook = new ExcelJS.Workbook();
  // exceljs types its input as an ArrayBuffer (its own "Buffer"); a copy gives one of exactly the file.
  await workbook.xlsx.load(new Uint8Array(bytes).buffer);
  const blocks: Block[] = [];
  workbook.eachSheet((sheet) => {
    const rows = sheetRows(sheet);
    if (rows.length === 0) return;
    blocks.push({ kind: "heading", level: 1, text: sheet.name }, ...recordBlocks(rows));
  });
  return { title: null, blocks };
}

function sheetRows(sheet: ExcelJS.Worksheet): string[][] {
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      cells[column - 1] = cellText(cell);
    });
    rows.push(Array.from(cells, (cell) => cell ?? ""));
  });
  return rows;
}

function cellText(cell: ExcelJS.Cell): string {
  const value = cell.type === ExcelJS.ValueType.Formula ? cell.result : cell.value;
  if (value instanceof Date) return dateText(value);
  return cell.text;
}

// exceljs would print JavaScript's long date form. Excel dates have no time zone; exceljs reads them as UTC.
function dateText(date: Date): string {
  const [day, time] = [date.toISOString().slice(0, 10), date.toISOString().slice(11, 19)];
  return time === "00:00:00" ? day : `${day} ${time.replace(/:00$/, "")}`;
}
