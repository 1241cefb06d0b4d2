import "server-only";
import { systemDatabase } from "@/lib/db/system";

// The embedded database runs no autovacuum, so nothing would ever refresh the planner's statistics
// or flush the GIN indexes' pending lists. The worker's upkeep does it instead. On Postgres, autovacuum
// does this and only a bulk load, which changes the table at once, gets a VACUUM of its own.

const ANALYZE_INTERVAL_MS = 60_000;
let lastAnalyze = 0;

/**
 * After the worker wrote chunks, at once rather than by autovacuum's rule: a planner that still
 * believes a tenant has one document walks chunks one document at a time instead of using the HNSW
 * index (seen in EXPLAIN).
 */
export async function refreshTableStatistics(afterBulkLoad: boolean): Promise<void> {
  if (afterBulkLoad) {
    await systemDatabase("maintenance").prisma.$executeRawUnsafe("VACUUM ANALYZE chunks, documents");
    lastAnalyze = Date.now();
    return;
  }
  if (systemDatabase("maintenance").kind === "postgres" || Date.now() - lastAnalyze < ANALYZE_INTERVAL_MS) return;
  await systemDatabase("maintenance").prisma.$executeRawUnsafe("ANALYZE chunks, documents");
  lastAnalyze = Date.now();
}

/**
 * Every table autovacuum would analyze now, by its own rule and default settings: more rows changed
 * since the last ANALYZE than 50 plus a tenth of the table. Without it the decision log was never
 * analyzed on the embedded database: at a million records the planner, expecting a couple of thousand
 * rows, sorted every remaining record for each batch of the chain verification's keyset read (942 ms
 * a batch halfway through the log, 6 ms once analyzed), and verifying the whole log did not end in
 * ten minutes. Returns the tables analyzed.
 */
export async function analyzeChangedTables(): Promise<string[]> {
  const maintenance = systemDatabase("maintenance");
  if (maintenance.kind === "postgres") return [];
  const stale = await maintenance.prisma.$queryRaw<{ name: string }[]>`
    SELECT format('%I.%I', s.schemaname, s.relname) AS name
    FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
    WHERE s.n_mod_since_analyze > 50 + 0.1 * greatest(c.reltuples, 0)
    ORDER BY name`;
  const names = stale.map((table) => table.name);
  if (names.length > 0) await maintenance.prisma.$executeRawUnsafe(`ANALYZE ${names.join(", ")}`);
  return names;
}
