import "server-only";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { advanceSwitch } from "@/lib/ingest/embedder-switch";
import { backlogWarrantsBulkLoad, beginBulkLoad, restoreVectorIndexWhenIdle } from "@/lib/ingest/jobs/bulk-load";
import { claimNextJob, releaseJobsOf, WorkerStopping } from "@/lib/ingest/jobs/lease";
import { sleepUntilWoken, wakeIngestWorker } from "@/lib/ingest/jobs/queue";
import { analyzeChangedTables, checkpointWhenDue, refreshTableStatistics } from "@/lib/ingest/jobs/table-upkeep";
import { type JobOutcome, runJob, type WorkerContext } from "@/lib/ingest/jobs/run-job";
import { logger } from "@/lib/log";

export type WorkerOptions = {
  /** How long to sleep when the queue is empty (a job queued by this process wakes it at once). */
  pollMs?: number;
  /** How long a claimed job stays this worker's without a sign of life; renewed while it runs. */
  leaseMs?: number;
  /** The pause before retrying a job that failed for a reason other than its file (then 4×, 16×…). */
  retryBaseMs?: number;
  id?: string;
};

export type IngestWorker = { id: string; stop(): Promise<void> };

const DEFAULT_POLL_MS = 1_000;
const DEFAULT_LEASE_MS = 60_000;
const DEFAULT_RETRY_BASE_MS = 5_000;
// Upkeep when idle (restoring a missing index, analyzing changed tables, a checkpoint, moving a switch on) runs at most this often, unless a job just ended.
const UPKEEP_INTERVAL_MS = 15_000;

/**
 * The ingest worker of this process: claims jobs from the database one at a time, runs them, and
 * sleeps when there are none. Every app instance runs one; jobs are shared through the database, so
 * any instance may take any job. `stop()` hands a running job back to the queue at once and resolves
 * once the loop has ended.
 */
export function startIngestWorker(options: WorkerOptions = {}): IngestWorker {
  const stopping = new AbortController();
  const core = workerCore(options, stopping.signal);
  const loop = (async () => {
    while (!stopping.signal.aborted) {
      try {
        if (await core.runOne()) continue;
        await core.upkeep();
      } catch (error) {
        logger().error({ err: error }, "ingest worker: unexpected error; carrying on");
      }
      if (!stopping.signal.aborted) await sleepUntilWoken(options.pollMs ?? DEFAULT_POLL_MS);
    }
  })();
  logger().info({ worker: core.context.id }, "ingest worker started");
  return {
    id: core.context.id,
    stop: async () => {
      stopping.abort(new WorkerStopping());
      // Handed back before the job reaches its next step: any worker may take it up now, and this
      // one's remaining writes fail their hold on the job and are dropped.
      await releaseJobsOf(core.context.id);
      wakeIngestWorker();
      await loop;
    },
  };
}

/**
 * Runs every job that can run now, in this process, then the idle upkeep: for the demo seed (whose
 * documents must be ready when the server has started), tests and benchmarks. Returns the jobs that
 * ran, with the outcome of those that completed (null for one that failed, was cancelled or retried).
 */
export async function drainIngestQueue(options: WorkerOptions = {}): Promise<(JobOutcome | null)[]> {
  const core = workerCore(options, new AbortController().signal);
  const outcomes: (JobOutcome | null)[] = [];
  for (;;) {
    for (let ran = await core.runOne(); ran; ran = await core.runOne()) outcomes.push(ran.outcome);
    // Upkeep may queue more (the re-embedding of a switch), and running that may complete the switch.
    await core.upkeep(true);
    const next = await core.runOne();
    if (!next) return outcomes;
    outcomes.push(next.outcome);
  }
}

// The worker's own process-level record, so that Next.js starting instrumentation twice (as the dev
// server may) still runs one loop per process.
const holder = globalThis as unknown as { __loreIngestWorker?: IngestWorker };

/** Starts this process's worker unless it runs already. */
export function ensureIngestWorker(options: WorkerOptions = {}): IngestWorker {
  holder.__loreIngestWorker ??= startIngestWorker(options);
  return holder.__loreIngestWorker;
}

function workerCore(options: WorkerOptions, stopping: AbortSignal) {
  const context: WorkerContext = {
    id: options.id ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    leaseMs: options.leaseMs ?? DEFAULT_LEASE_MS,
    retryBaseMs: options.retryBaseMs ?? DEFAULT_RETRY_BASE_MS,
    stopping,
  };
  let bulk = false;
  let lastUpkeep = 0;
  let jobsSinceUpkeep = 0;
  return {
    context,
    /** Claims and runs one job; null when none could be claimed. */
    async runOne(): Promise<{ outcome: JobOutcome | null } | null> {
      if (!bulk && (await backlogWarrantsBulkLoad())) {
        await beginBulkLoad();
        bulk = true;
      }
      const job = await claimNextJob(context.id, context.leaseMs);
      if (!job) return null;
      const outcome = await runJob(job, context);
      jobsSinceUpkeep++;
      // Between jobs too: a long backlog writes much of the log, and the idle upkeep waits for its end.
      await checkpointWhenDue();
      return { outcome };
    },
    async upkeep(now = false): Promise<void> {
      if (!now && jobsSinceUpkeep === 0 && Date.now() - lastUpkeep < UPKEEP_INTERVAL_MS) return;
      const wrote = jobsSinceUpkeep > 0;
      lastUpkeep = Date.now();
      jobsSinceUpkeep = 0;
      const index = await restoreVectorIndexWhenIdle();
      if (index !== "busy") bulk = false;
      if (wrote || index === "built") await refreshTableStatistics(index === "built");
      await analyzeChangedTables();
      await checkpointWhenDue();
      await advanceSwitch();
    },
  };
}
