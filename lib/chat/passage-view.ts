import { hangulBigrams, nonHangulWords } from "@/lib/text/terms";
import { sentences } from "@/lib/text/tokens";

/**
 * A stored passage laid out for reading. Passages are kept as lines of text (headings, paragraphs,
 * list items, and table rows written "Column: value | Column: value"); consecutive rows with the
 * same columns become a table again, other lines paragraphs. Each paragraph is split into sentences
 * so those the answer used can be highlighted.
 */
export type PassageBlock = { kind: "paragraph"; sentences: { text: string; used: boolean }[] } | { kind: "table"; columns: string[]; rows: string[][] };

const ROW_CELL = /^([^:|]{1,60}):\s(.*)$/;
// A sentence counts as used when most of its terms appear in what the answer said about this source;
// a heading-like line of one or two terms is never highlighted on that alone.
const USED_SHARE = 0.6;
const MIN_TERMS = 3;

export function passageBlocks(content: string, usedText: string[]): PassageBlock[] {
  const used = termSet(usedText.join(" "));
  const blocks: PassageBlock[] = [];
  for (const line of content
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)) {
    const row = tableRow(line);
    const last = blocks.at(-1);
    if (row && last?.kind === "table" && sameColumns(last.columns, row.columns)) {
      last.rows.push(row.values);
    } else if (row) {
      blocks.push({ kind: "table", columns: row.columns, rows: [row.values] });
    } else {
      blocks.push({ kind: "paragraph", sentences: sentences(line).map((text) => ({ text, used: isUsed(text, used) })) });
    }
  }
  // A lone "row" is just a line that happens to contain a colon.
  return blocks.map((b) => (b.kind === "table" && b.rows.length === 1 && b.columns.length < 2 ? paragraphOf(`${b.columns[0]}: ${b.rows[0]![0]}`, used) : b));
}

function tableRow(line: string): { columns: string[]; values: string[] } | null {
  const cells = line.split(" | ");
  const parsed = cells.map((cell) => ROW_CELL.exec(cell));
  if (parsed.some((m) => !m)) return null;
  return { columns: parsed.map((m) => m![1]!.trim()), values: parsed.map((m) => m![2]!.trim()) };
}

function sameColumns(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((c, i) => c === b[i]);
}

function paragraphOf(text: string, used: Set<string>): PassageBlock {
  return { kind: "paragraph", sentences: sentences(text).map((s) => ({ text: s, used: isUsed(s, used) })) };
}

function isUsed(sentence: string, used: Set<string>): boolean {
  const terms = termSet(sentence);
  if (terms.size < MIN_TERMS || used.size === 0) return false;
  let shared = 0;
  for (const term of terms) if (used.has(term)) shared++;
  return shared / terms.size >= USED_SHARE;
}

function termSet(text: string): Set<string> {
  return new Set([...nonHangulWords(text), ...hangulBigrams(text)]);
}
