// npm run eval [-- --data <dir>] [-- --only <suite>]: measures quality on labelled data (default: the
// public development sets in ../shared/eval, or $LORE_EVAL_DATA) and writes eval/results/latest.json,
// one top-level key per suite in eval/suites. Suites find their files by folder and classify rows by
// their fields, so the same command runs unchanged on other data of the same layout. Running some
// suites (--only) keeps the other suites' last figures in the file.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

type Suite = { name: string; run(dataDir: string): Promise<Record<string, unknown>> };

const { values } = parseArgs({
  options: { data: { type: "string" }, only: { type: "string", multiple: true } },
  allowPositionals: true,
});
const dataDir = path.resolve(values.data ?? process.env.LORE_EVAL_DATA ?? "../shared/eval");
if (!existsSync(dataDir)) {
  console.error(`eval: no data folder at ${dataDir} (pass --data <dir>)`);
  process.exit(2);
}

const dir = path.join(import.meta.dirname, "suites");
const output = path.join(import.meta.dirname, "results", "latest.json");
const results: Record<string, unknown> = existsSync(output) ? JSON.parse(readFileSync(output, "utf8")) : {};
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith(".ts"))
  .sort()) {
  const suite = (await import(path.join(dir, file))) as Suite;
  if (values.only && !values.only.includes(suite.name)) continue;
  console.log(`eval: ${suite.name} ...`);
  results[suite.name] = { ...(await suite.run(dataDir)), data: dataDir, measured_at: new Date().toISOString() };
}
writeFileSync(output, `${JSON.stringify(results, null, 2)}\n`);
console.log(JSON.stringify(results, null, 2));
console.log(`wrote ${path.relative(process.cwd(), output)}`);
process.exit(0);
