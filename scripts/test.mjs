// npm test: typecheck, lint and formatting, check that migrations match schema.prisma, run unit and integration tests
// (also on PostgreSQL when one is given), build the app, then run the end-to-end tests against it in
// headless Chromium.
import { spawnSync } from "node:child_process";
import { buildIfStale } from "./build-if-stale.mjs";

const node = process.execPath;
// With LORE_TEST_POSTGRES_URL (a template database on a Postgres server, see
// scripts/throwaway-postgres.sh; .ci/run starts one), the integration tests run a second time, each
// file on its own copy of that template.
const { LORE_TEST_POSTGRES_URL: postgresTemplate, ...environment } = process.env;
function step(title, args, extraEnv = {}) {
  console.log(`\n▶ ${title}`);
  const result = spawnSync(node, args, { stdio: "inherit", env: { ...environment, NEXT_TELEMETRY_DISABLED: "1", ...extraEnv } });
  if (result.status !== 0) {
    console.error(`✗ ${title} failed`);
    process.exit(result.status ?? 1);
  }
}

step("typecheck", ["node_modules/typescript/bin/tsc", "--noEmit"]);
step("lint and formatting", ["node_modules/@biomejs/biome/bin/biome", "check"]);
step("migrations match schema.prisma", ["scripts/new-migration.mjs", "--check"]);
step("unit and integration tests", [
  "node_modules/vitest/vitest.mjs",
  "run",
  "--config",
  "tests/vitest.config.ts",
  "--project",
  "unit",
  "--project",
  "integration",
]);
if (postgresTemplate) {
  step("integration tests on PostgreSQL", ["node_modules/vitest/vitest.mjs", "run", "--config", "tests/vitest.config.ts", "--project", "integration"], {
    LORE_TEST_POSTGRES_URL: postgresTemplate,
  });
}
console.log("\n▶ build");
buildIfStale();
step("end-to-end tests", ["node_modules/vitest/vitest.mjs", "run", "--config", "tests/vitest.config.ts", "--project", "e2e"]);
console.log("\n✓ all tests passed");
