// npm test: typecheck, check that migrations match schema.prisma, run unit and integration tests,
// build the app, then run the end-to-end tests against it in headless Chromium.
import { spawnSync } from "node:child_process";
import { buildIfStale } from "./build-if-stale.mjs";

const node = process.execPath;
function step(title, args) {
  console.log(`\n▶ ${title}`);
  const result = spawnSync(node, args, { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (result.status !== 0) {
    console.error(`✗ ${title} failed`);
    process.exit(result.status ?? 1);
  }
}

step("typecheck", ["node_modules/typescript/bin/tsc", "--noEmit"]);
step("migrations match schema.prisma", ["scripts/new-migration.mjs", "--check"]);
step("unit and integration tests", ["node_modules/vitest/vitest.mjs", "run", "--config", "tests/vitest.config.ts", "--project", "unit", "--project", "integration"]);
console.log("\n▶ build");
buildIfStale();
step("end-to-end tests", ["node_modules/vitest/vitest.mjs", "run", "--config", "tests/vitest.config.ts", "--project", "e2e"]);
console.log("\n✓ all tests passed");
