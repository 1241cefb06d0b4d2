import "server-only";
import { systemDatabase } from "@/lib/db/system";

// The embedded database runs no autovacuum and no checkpointer, so nothing would ever refresh the
// planner's statistics, flush the GIN indexes' pending lists or end a checkpoint. The worker's upkeep
// does it instead. On Postgres, autovacuum
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

/**
 * A checkpoint on the embedded database when Postgres' checkpointer would make one, by its default
 * settings: the log written since the last checkpoint has passed half of max_wal_size, or
 * checkpoint_timeout has passed since it with a log segment written. Without it the write-ahead log
 * grew with every write until the process stopped (9.6 GB after loading the retrieval bench's 100,000
 * chunks), and an engine restarted after a crash or an overrunning statement (see wire-host.ts)
 * replayed all of it: reopening after 900 MB of log took 2.5 s, after a checkpoint 0.26 s. Returns
 * whether it made one. `walBytes` is for tests.
 */
export async function checkpointWhenDue(walBytes?: number): Promise<boolean> {
  const maintenance = systemDatabase("maintenance");
  if (maintenance.kind === "postgres") return false;
  const [due] = await maintenance.prisma.$queryRaw<{ due: boolean }[]>`
    SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), c.redo_lsn) > coalesce(${walBytes ?? null}::bigint, s.max_wal / 2)
        OR (pg_wal_lsn_diff(pg_current_wal_insert_lsn(), c.redo_lsn) > s.segment AND c.checkpoint_time < now() - s.timeout) AS due
    FROM pg_control_checkpoint() c,
         (SELECT pg_size_bytes(current_setting('max_wal_size')) AS max_wal,
                 pg_size_bytes(current_setting('wal_segment_size')) AS segment,
                 current_setting('checkpoint_timeout')::interval AS timeout) s`;
  if (!due?.due) return false;
  await maintenance.prisma.$executeRawUnsafe("CHECKPOINT");
  return true;
}
