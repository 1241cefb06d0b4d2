// Next.js calls register() once when a server starts, before it serves requests: the database is
// migrated (and the demo seeded, if enabled) here, so the app is usable the moment it listens, and
// the ingest worker that indexes uploads in the background starts (unless LORE_WORKERS=off).
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { prepareServerOrExit } = await import("@/lib/server/startup");
    await prepareServerOrExit();
  }
}
