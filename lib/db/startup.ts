import "server-only";
import { config } from "@/lib/config";
import { database } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate";
import { logger } from "@/lib/log";
import { seedDemoTenants } from "@/prisma/seed";

let ready: Promise<void> | undefined;

/**
 * Brings the database up to date once per process: applies pending migrations, then, when demo
 * seeding is on (the default with the embedded database) and the database has no tenant yet, adds
 * the demo tenants. Called when the server starts (instrumentation.ts) and awaited by anything that
 * might run before that finished.
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
  if (config().seedDemo && (await db.prisma.tenant.count()) === 0) {
    await seedDemoTenants();
    logger().info("seeded the demo tenants");
  }
}

/**
 * For server start-up: a server that cannot prepare its database (bad configuration, unreachable
 * Postgres, a failed migration) stops with the reason instead of serving errors.
 */
export async function prepareDatabaseOrExit(): Promise<void> {
  try {
    await databaseReady();
  } catch (error) {
    console.error(`Lore cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
