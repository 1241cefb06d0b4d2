import "server-only";
import { config } from "@/lib/config";
import { database } from "@/lib/db/client";
import { databaseReady } from "@/lib/db/startup";
import { logger } from "@/lib/log";

/** Whether the database answers, which kind it is, and how long a trivial query took. */
export async function databaseHealth() {
  const kind = config().database.kind;
  const started = performance.now();
  try {
    await databaseReady();
    await database().prisma.$queryRaw`SELECT 1`;
    return { ok: true, kind, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    // The cause may name hosts or users: it goes to the log, not to this unauthenticated endpoint.
    logger().error({ err: error }, "database health check failed");
    return { ok: false, kind, error: "The database is not reachable." };
  }
}
