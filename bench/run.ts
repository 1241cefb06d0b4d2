// npm run bench [-- <suite> ...]: runs the benchmark suites in bench/suites and writes their figures
// to bench/results/latest.json under one top-level key per suite, with the machine they ran on.
// Running some suites keeps the other suites' last figures in the file.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { machine } from "./machine";

type Suite = { name: string; run(): Promise<Record<string, unknown>> };

const dir = path.join(import.meta.dirname, "suites");
const wanted = process.argv.slice(2);
const output = path.join(import.meta.dirname, "results", "latest.json");
const results: Record<string, unknown> = existsSync(output) ? JSON.parse(readFileSync(output, "utf8")) : {};

for (const file of readdirSync(dir)
  .filter((f) => f.endsWith(".ts"))
  .sort()) {
  const suite = (await import(path.join(dir, file))) as Suite;
  if (wanted.length && !wanted.includes(suite.name)) continue;
  console.log(`bench: ${suite.name} ...`);
  const started = performance.now();
  results[suite.name] = { ...(await suite.run()), measured_at: new Date().toISOString() };
  console.log(`bench: ${suite.name} done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  console.log(JSON.stringify(results[suite.name], null, 2));
}
results.machine = machine();
writeFileSync(output, `${JSON.stringify(results, null, 2)}\n`);
console.log(`wrote ${path.relative(process.cwd(), output)}`);
process.exit(0);
