import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { analyzeChangedTables } from "@/lib/ingest/jobs/table-upkeep";
import { migratedDatabase } from "@/tests/support/database";
import { createTenant } from "@/tests/support/fixtures";
import { writeSyntheticDecisions } from "@/tests/support/synthetic-decisions";

// The embedded database has no autovacuum: the worker's upkeep analyzes the tables autovacuum would.

let db: Database;
let tenantId: string;

beforeAll(async () => {
  db = await migratedDatabase();
  const tenant = await createTenant("stats", [], [{ key: "ann", role: "employee", groups: [] }]);
  tenantId = tenant.tenant.id;
  const now = new Date();
  await writeSyntheticDecisions(tenantId, [tenant.users.ann!], { count: 5_000, from: new Date(now.getTime() - 86_400_000), to: now });
});
afterAll(() => db.close());

/** The plan of one batch of the chain verification's keyset read, from the start of the log. */
async function keysetPlan(): Promise<string> {
  const rows = await withTenant(tenantId, (tx) =>
    tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
      `EXPLAIN SELECT * FROM decision_records WHERE tenant_id = '${tenantId}' AND seq > 0 ORDER BY seq LIMIT 2000`,
    ),
  );
  return rows.map((row) => row["QUERY PLAN"]).join("\n");
}

describe("table statistics", () => {
  it.skipIf(Boolean(process.env.DATABASE_URL))("are refreshed on the embedded database for a table that changed, so keyset reads walk the index", async () => {
    // The engine publishes its change counts at most once a second, when idle: ask until they show.
    const analyzed = await vi.waitFor(
      async () => {
        const tables = await analyzeChangedTables();
        expect(tables).toContain("public.decision_records");
        return tables;
      },
      { timeout: 15_000, interval: 300 },
    );
    expect(analyzed).not.toContain("public.tenants"); // a table with a row or two changed is left alone
    expect(await keysetPlan()).toMatch(/Index Scan using decision_records_tenant_id_seq_key/);
  });

  it.runIf(Boolean(process.env.DATABASE_URL))("are left to autovacuum on PostgreSQL", async () => {
    expect(await analyzeChangedTables()).toEqual([]);
  });
});
