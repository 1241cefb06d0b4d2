import "server-only";
import { systemDatabase } from "@/lib/db/system";

// The embedded database runs no autovacuum, so nothing would ever refresh the planner's statistics
// or flush the GIN indexes' pending lists: a planner that still believes a tenant has one document
// walks chunks one document at a time instead of using the HNSW index (seen in EXPLAIN). The worker
// does it instead, after it wrote chunks. On Postgres, autovacuum does this and only a bulk load,
// which changes the table at once, gets a VACUUM of its own.
const ANALYZE_INTERVAL_MS = 60_000;
let lastAnalyze = 0;

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
