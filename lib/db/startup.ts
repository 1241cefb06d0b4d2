import "server-only";
import { config } from "@/lib/config";
import { database } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate";
import { reconcileEmbedders } from "@/lib/embeddings/switch";
import { ensureIngestWorker } from "@/lib/ingest/jobs/worker";
import { logger } from "@/lib/log";
import { backfillSearchTerms, checkSearchSetup } from "@/lib/retrieval/search-setup";
import { seedDemoTenants } from "@/prisma/seed";

let ready: Promise<void> | undefined;

/**
 * Brings the database up to date once per process: applies pending migrations, checks the configured
 * embedder against the recorded one (starting a switch if they differ), then, when demo seeding is on
 * (the default with the embedded database) and the database has no tenant yet, adds the demo tenants
 * with their documents indexed. Called when the server starts (instrumentation.ts) and awaited by
 * anything that might run before that finished.
 */
export function databaseReady(): Promise<void> {
  ready ??= prepare().catch((error: unknown) => {
    ready = undefined;
    throw error;
  });
  return ready;
}

async function prepare(): Promise<void> {
  const db = database();
  const applied = await applyMigrations(db);
  if (applied.length) logger().info({ applied }, "applied database migrations");
  await reconcileEmbedders(config().embeddings);
  await backfillSearchTerms();
  await checkSearchSetup();
  if (config().seedDemo && (await db.prisma.tenant.count()) === 0) {
    await seedDemoTenants();
    logger().info("seeded the demo tenants");
  }
}

/**
 * For server start-up: a server that cannot prepare its database (bad configuration, unreachable
 * Postgres or embedding server, a failed migration) stops with the reason instead of serving errors.
 * Once it is ready, the ingest worker of this process starts taking jobs.
 */
export async function prepareDatabaseOrExit(): Promise<void> {
  try {
    await databaseReady();
  } catch (error) {
    console.error(`Lore cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  ensureIngestWorker();
}
