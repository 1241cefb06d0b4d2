import path from "node:path";
import { defineConfig } from "vitest/config";

// This file lives in tests/; paths and patterns are relative to the repository root.
const root = path.resolve(import.meta.dirname, "..");

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${root}/` },
      // "server-only" throws outside React Server Components; tests import server modules directly.
      { find: /^server-only$/, replacement: path.join(root, "tests/support/server-only.ts") },
    ],
  },
  root,
  test: {
    // One worker per core rather than Vitest's cores - 1: an integration file spends much of its time
    // waiting (on the embedded engine's thread, child processes, servers, timers), and on two cores
    // (CI) the integration project took 243 s with two workers against about 435 s with one.
    maxWorkers: "100%",
    projects: [
      { extends: true, test: { name: "unit", include: ["tests/unit/**/*.test.ts"] } },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          globalSetup: ["tests/support/migrated-template.ts"],
          setupFiles: ["tests/support/test-database-env.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          globalSetup: ["tests/e2e/global-setup.ts"],
          // Two files at a time, each with an app of its own (see sharedAppURL). One file at a time used
          // 0.94 of a core (it waits on its browser and server); on two cores, two at a time took the
          // project from 412 to 314 s.
          maxWorkers: 2,
          // After unit and integration, when run together: Vitest runs projects of one group side by side,
          // and those of a group must share one maxWorkers.
          sequence: { groupOrder: 1 },
          // A browser and a server on a shared machine can take seconds to show what a test waits for.
          expect: { poll: { timeout: 30_000 } },
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
