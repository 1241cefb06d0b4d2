import "server-only";
import { startAuditSweeper } from "@/lib/audit/sweeper";
import { config } from "@/lib/config";
import { applyMigrations } from "@/lib/db/migrate";
import { systemDatabase } from "@/lib/db/system";
import { reconcileEmbedders } from "@/lib/ingest/embedder-switch";
import { ensureIngestWorker, type IngestWorker } from "@/lib/ingest/jobs/worker";
import { logger } from "@/lib/log";
import { stopWorkerOnSignals } from "@/lib/server/shutdown";
import { backfillSearchTerms, checkSearchSetup } from "@/lib/retrieval/search-setup";
import { seedDemoTenants } from "@/prisma/seed";

let ready: Promise<void> | undefined;

/**
 * Brings the database up to date once per process: applies pending migrations, checks the configured
 * embedder against the recorded one (starting a switch if they differ), then, when demo seeding is on
 * (the default with the embedded database) and the database has no tenant yet, adds the demo tenants
 * with their documents indexed. Called when a server or worker process starts (instrumentation.ts,
 * scripts/worker.ts) and awaited by anything that might run before that finished.
 */
export function databaseReady(): Promise<void> {
  ready ??= prepare().catch((error: unknown) => {
    ready = undefined;
    throw error;
  });
  return ready;
}

async function prepare(): Promise<void> {
  const applied = await applyMigrations(systemDatabase("migrations"));
  if (applied.length) logger().info({ applied }, "applied database migrations");
  await reconcileEmbedders(config().embeddings);
  await backfillSearchTerms();
  await checkSearchSetup();
  if (config().seedDemo && (await systemDatabase("tenant-directory").prisma.tenant.count()) === 0) {
    await seedDemoTenants();
    logger().info("seeded the demo tenants");
  }
}

/**
 * For server start-up: a server that cannot prepare its database (bad configuration, unreachable
 * Postgres or embedding server, a failed migration) stops with the reason instead of serving errors.
 * Once it is ready, this process's background work starts, unless LORE_WORKERS=off (then
 * `npm run worker` does it in a process of its own); when the server is stopped, its job is handed back.
 */
export async function prepareServerOrExit(): Promise<void> {
  try {
    await databaseReady();
  } catch (error) {
    console.error(`Lore cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  if (config().runWorkers) stopWorkerOnSignals(startBackgroundWork(), "with-next");
}

/**
 * The background work of a server, or of `npm run worker` for servers started with LORE_WORKERS=off:
 * the ingest worker, and the decision log's sweeper (closing chat turns that never finished, signing
 * checkpoints, purging expired records).
 */
export function startBackgroundWork(): IngestWorker {
  startAuditSweeper();
  return ensureIngestWorker();
}
