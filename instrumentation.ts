// Next.js calls register() once when a server starts, before it serves requests: the database is
// migrated (and the demo seeded, if enabled) here, so the app is usable the moment it listens, and
// the ingest worker that indexes uploads in the background starts.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { prepareDatabaseOrExit } = await import("@/lib/db/startup");
    await prepareDatabaseOrExit();
    // Chat turns that never finished (a killed process) are closed with a record now and every minute.
    const { startAuditSweeper } = await import("@/lib/audit/sweeper");
    startAuditSweeper();
  }
}
