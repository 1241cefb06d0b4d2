import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** Every row of every *.jsonl file under `folder` (recursively), in file-name order. */
export function readJsonlFolder<Row = Record<string, unknown>>(folder: string): Row[] {
  if (!existsSync(folder)) return [];
  const rows: Row[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) rows.push(...readJsonlFolder<Row>(full));
    else if (entry.name.endsWith(".jsonl")) {
      for (const line of readFileSync(full, "utf8").split("\n")) if (line.trim()) rows.push(JSON.parse(line) as Row);
    }
  }
  return rows;
}
