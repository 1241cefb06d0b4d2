// npm run worker: the background work (document ingestion, the embedder switch, the decision log's sweeper) in a process of
// their own, apart from the web servers, which then run with LORE_WORKERS=off. With DATABASE_URL, run
// as many as you like; with the embedded database, start `npm start` first: this process reaches the
// database through the server that hosts it. On SIGTERM or SIGINT the worker hands its running job
// back to the queue at once (any worker takes it up again) and exits when its loop has ended.
import { joinRunningServerDatabase } from "@/lib/db/system";
import { stopWorkerOnSignals } from "@/lib/server/shutdown";
import { databaseReady, startBackgroundWork } from "@/lib/server/startup";

try {
  joinRunningServerDatabase();
  await databaseReady();
} catch (error) {
  console.error(`Lore's worker cannot start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
stopWorkerOnSignals(startBackgroundWork(), "itself");
