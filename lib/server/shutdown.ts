import "server-only";
import { closeDatabase } from "@/lib/db/system";
import type { IngestWorker } from "@/lib/ingest/jobs/worker";
import { logger } from "@/lib/log";

// Longest a stopping process waits for its worker before it ends anyway (its job was handed back at
// the start of that wait; what remains is the job noticing it).
const STOP_LIMIT_MS = 10_000;

/**
 * What a process with an ingest worker does when told to stop (SIGTERM from an orchestrator, SIGINT
 * from a terminal): the worker hands its running job back to the queue at once, for any other worker
 * to take up (instead of holding it until its lease runs out), then this process's database
 * connection, and the embedded database if it hosts it, is closed.
 *
 * - `npm run worker` (`ends: "itself"`): nothing else ends the process; it exits when that is done.
 * - A web server (`ends: "with-next"`): Next.js stops taking requests on the same signal, lets running
 *   ones finish, then calls process.exit. Closing the database must wait for those requests, and the
 *   hand-back must not be cut short, so that exit is held until both are done.
 */
export function stopWorkerOnSignals(worker: IngestWorker, ends: "itself" | "with-next"): void {
  let stopped: Promise<void> | null = null;
  const stop = () => {
    stopped ??= within(
      STOP_LIMIT_MS,
      worker.stop().catch((error: unknown) => logger().error({ err: error }, "the worker did not stop cleanly")),
    );
    return stopped;
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopped) return;
    logger().info({ worker: worker.id, signal }, "stopping: the worker hands its job back");
    const handedBack = stop();
    if (ends === "itself") {
      void handedBack.then(closeQuietly).finally(() => process.exit(0));
      return;
    }
    const exit = process.exit.bind(process);
    process.exit = ((code?: number | string | null) => {
      void handedBack.then(closeQuietly).finally(() => exit(code));
    }) as typeof process.exit;
  };
  // Before Next.js's own listener, so the hand-back starts first.
  process.prependListener("SIGTERM", onSignal);
  process.prependListener("SIGINT", onSignal);
}

function closeQuietly(): Promise<void> {
  return within(
    STOP_LIMIT_MS,
    closeDatabase().catch((error: unknown) => logger().error({ err: error }, "the database did not close cleanly")),
  );
}

function within(ms: number, work: Promise<void>): Promise<void> {
  return Promise.race([work, new Promise<void>((resolve) => setTimeout(resolve, ms).unref())]);
}
