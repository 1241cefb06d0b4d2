import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { importsOf, ROOT, sourceFiles } from "@/tests/support/source-imports";

// The tenant boundary, enforced on the source until a linter rule does it: the product's code reaches
// the database through the tenant layer (lib/db/tenant.ts) or, for cross-tenant work, through the
// system module (lib/db/system.ts), whose every user is listed below and in that module's comment.
// Nothing outside lib/db opens a connection of its own or touches the raw client. Tooling that builds
// its own throwaway database (tests/, bench/, eval/) is not product code and is not scanned.
const SCANNED = ["app", "components", "lib", "prisma", "scripts", "instrumentation.ts", "proxy.ts"];

const SYSTEM_MODULE_USERS = [
  "lib/audit/checkpoints.ts",
  "lib/audit/purge.ts",
  "lib/audit/sweeper.ts",
  "scripts/audit-verify.ts",
  "lib/auth/sign-in-throttle.ts",
  "lib/auth/tenants.ts",
  "lib/embeddings/active.ts",
  "lib/ingest/embedder-switch.ts",
  "lib/embeddings/vector-index.ts",
  "lib/ingest/jobs/bulk-load.ts",
  "lib/ingest/jobs/lease.ts",
  "lib/ingest/jobs/queue.ts",
  "lib/ingest/jobs/table-upkeep.ts",
  "lib/retrieval/search-setup.ts",
  "lib/server/health.ts",
  "lib/server/shutdown.ts",
  "lib/server/startup.ts",
  "prisma/seed.ts",
  "scripts/seed.ts",
  "scripts/worker.ts",
  "scripts/workspace.ts",
];

// Modules that open connections or engines: only lib/db may import them.
const DRIVERS = ["@/lib/db/client", "pg", "@prisma/adapter-pg", "@electric-sql/pglite", "@electric-sql/pglite-pgvector", "pglite-prisma-adapter"];

// Tools that build a throwaway database of their own, never the app's.
const OWN_DATABASE = new Set(["scripts/new-migration.mjs"]);

const files = sourceFiles(...SCANNED);

describe("the tenant boundary in the source", () => {
  it("scans the product's code", () => {
    expect(files).toContain("lib/chat/turn.ts");
    expect(files.length).toBeGreaterThan(100);
  });

  it("keeps the raw client and database drivers inside lib/db", () => {
    const offenders = files
      .filter((file) => !file.startsWith("lib/db/") && !OWN_DATABASE.has(file))
      .flatMap((file) =>
        importsOf(file)
          .filter((imported) => DRIVERS.includes(imported))
          .map((imported) => `${file} imports ${imported}`),
      );
    expect(offenders).toEqual([]);
  });

  it("lets only the listed modules do cross-tenant work through lib/db/system", () => {
    const users = files.filter((file) => !file.startsWith("lib/db/") && importsOf(file).includes("@/lib/db/system")).sort();
    expect(users).toEqual([...SYSTEM_MODULE_USERS].sort());
  });

  it("lists the same users in the system module's own comment", () => {
    const comment = readFileSync(path.join(ROOT, "lib/db/system.ts"), "utf8");
    expect(SYSTEM_MODULE_USERS.filter((file) => !comment.includes(file))).toEqual([]);
  });

  it("detects an import it is meant to forbid", () => {
    expect(importsOf("lib/db/system.ts")).toContain("@/lib/db/client");
  });
});
