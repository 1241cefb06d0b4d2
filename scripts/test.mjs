// npm test: typecheck, lint and formatting, check that migrations match schema.prisma, run unit and integration tests
// (also on PostgreSQL when one is given), build the app, then run the end-to-end tests against it in
// headless Chromium. The quick checks run beside the tests (see below).
import { spawn } from "node:child_process";
import { buildIfStale } from "./build-if-stale.mjs";

const node = process.execPath;
// With LORE_TEST_POSTGRES_URL (a template database on a Postgres server, see
// scripts/throwaway-postgres.sh; .ci/run starts one), the integration tests run a second time, each
// file on its own copy of that template.
const { LORE_TEST_POSTGRES_URL: postgresTemplate, ...environment } = process.env;
const vitest = ["node_modules/vitest/vitest.mjs", "run", "--config", "tests/vitest.config.ts"];

// The steps' child processes still running, ended when one step fails.
const running = new Set();

/**
 * Runs one step in a child process. A step in the background keeps its output until it ends and then
 * prints it whole, so the log reads step by step. Resolves once it succeeded; a failure ends the
 * run with the step's exit code, as soon as it happens.
 */
function step(title, args, { extraEnv = {}, background = false } = {}) {
  console.log(`\n▶ ${title}${background ? " (in the background)" : ""}`);
  const child = spawn(node, args, {
    stdio: background ? ["ignore", "pipe", "pipe"] : "inherit",
    env: { ...environment, NEXT_TELEMETRY_DISABLED: "1", ...extraEnv },
  });
  running.add(child);
  const output = [];
  child.stdout?.on("data", (chunk) => output.push(chunk));
  child.stderr?.on("data", (chunk) => output.push(chunk));
  return new Promise((resolve) => {
    child.on("close", (status) => {
      running.delete(child);
      if (background) console.log(`\n▶ ${title}: ended\n${Buffer.concat(output).toString().trimEnd()}`);
      if (status !== 0) {
        console.error(`✗ ${title} failed`);
        for (const other of running) other.kill();
        process.exit(status ?? 1);
      }
      resolve();
    });
  });
}

// Typecheck, lint and the migration check (30 s one after another) run beside the unit and
// integration tests, which take minutes and leave the processor idle part of the time: on two cores
// (CI), with one Vitest worker, the checks ended within the tests' first minute and added about 3 s.
const checks = Promise.all([
  step("typecheck", ["node_modules/typescript/bin/tsc", "--noEmit"], { background: true }),
  step("lint and formatting", ["node_modules/@biomejs/biome/bin/biome", "check"], { background: true }),
  step("migrations match schema.prisma", ["scripts/new-migration.mjs", "--check"], { background: true }),
]);
await step("unit and integration tests", [...vitest, "--project", "unit", "--project", "integration"]);
await checks;
if (postgresTemplate) {
  await step("integration tests on PostgreSQL", [...vitest, "--project", "integration"], { extraEnv: { LORE_TEST_POSTGRES_URL: postgresTemplate } });
}
console.log("\n▶ build");
buildIfStale();
await step("end-to-end tests", [...vitest, "--project", "e2e"]);
console.log("\n✓ all tests passed");
