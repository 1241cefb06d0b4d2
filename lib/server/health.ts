import "server-only";
import { config } from "@/lib/config";
import { systemDatabase } from "@/lib/db/system";
import { logger } from "@/lib/log";
import { databaseReady } from "@/lib/server/startup";

const PROBE_DEADLINE_MS = 2_000;

/**
 * Whether the database answers, which kind it is, and how long the check took. With Postgres, a
 * `SELECT 1` with a deadline. The embedded database runs one statement at a time in its own thread,
 * so a probe there would measure the queue (an index build, an ingestion batch) rather than whether
 * the engine is alive: its host reports the engine thread's state instead, with how long its current
 * statement has run and how many wait.
 */
export async function databaseHealth() {
  const kind = config().database.kind;
  const started = performance.now();
  try {
    await databaseReady();
    const db = systemDatabase("health");
    const engine = db.engine();
    if (engine) {
      const ok = engine.state === "ready";
      if (!ok) logger().error({ engine }, "embedded database health check failed");
      return ok
        ? {
            ok,
            kind,
            latencyMs: Math.round(performance.now() - started),
            engine: { busyForMs: engine.busyForMs, queued: engine.queued, restarts: engine.restarts },
          }
        : { ok, kind, error: "The database is not reachable." };
    }
    await Promise.race([
      db.prisma.$queryRaw`SELECT 1`,
      new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${PROBE_DEADLINE_MS} ms`)), PROBE_DEADLINE_MS).unref()),
    ]);
    return { ok: true, kind, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    // The cause may name hosts or users: it goes to the log, not to this unauthenticated endpoint.
    logger().error({ err: error }, "database health check failed");
    return { ok: false, kind, error: "The database is not reachable." };
  }
}
