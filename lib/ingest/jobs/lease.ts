import "server-only";
import { systemDatabase } from "@/lib/db/system";
import type { TenantTx } from "@/lib/db/tenant";
import type { JobKind } from "@/lib/ingest/jobs/queue";

export type ClaimedJob = { id: string; tenantId: string; documentId: string; kind: JobKind; attempts: number };

/** The job is no longer this worker's: it was cancelled, its document deleted, or another worker took it over. */
export class JobLost extends Error {
  constructor() {
    super("the job is no longer held by this worker");
    this.name = "JobLost";
  }
}

/** The worker is stopping; the job goes back to the queue for any instance. */
export class WorkerStopping extends Error {
  constructor() {
    super("the worker is stopping");
    this.name = "WorkerStopping";
  }
}

/**
 * Claims the next job of any tenant for this worker, with the owner connection (the jobs table's
 * row-level security binds lore_app, not the owner: see the security migration). FOR UPDATE SKIP
 * LOCKED lets instances claim side by side without waiting on each other; a running job whose lease
 * ran out belongs to a worker that died, and is claimed again. Document indexing goes before the
 * re-embedding of a switch, so that uploads are never stuck behind it.
 */
export async function claimNextJob(workerId: string, leaseMs: number): Promise<ClaimedJob | null> {
  const rows = await systemDatabase("job-queue").prisma.$queryRaw<ClaimedJob[]>`
    UPDATE ingest_jobs
    SET status = 'running', locked_by = ${workerId}, locked_until = now() + ${leaseMs} * interval '1 millisecond',
        attempts = attempts + 1, updated_at = now()
    WHERE id = (
      SELECT id FROM ingest_jobs
      WHERE (status = 'queued' AND run_after <= now()) OR (status = 'running' AND locked_until < now())
      ORDER BY kind <> 'index', run_after, created_at
      LIMIT 1
      FOR UPDATE SKIP LOCKED
    )
    RETURNING id, tenant_id AS "tenantId", document_id AS "documentId", kind, attempts`;
  return rows[0] ?? null;
}

/** Gives every job a stopping worker holds back to the queue; the attempts do not count. */
export async function releaseJobsOf(workerId: string): Promise<void> {
  await systemDatabase("job-queue").prisma.$executeRaw`
    UPDATE ingest_jobs SET status = 'queued', locked_by = NULL, locked_until = NULL, attempts = greatest(attempts - 1, 0), updated_at = now()
    WHERE status = 'running' AND locked_by = ${workerId}`;
}

// Progress is written at most this often (a new stage is written at once): enough for a progress bar.
const PROGRESS_INTERVAL_MS = 500;

/**
 * A claimed job while this worker holds it. The lease is renewed in the background and with every
 * progress report; either finding the job no longer ours aborts `signal`, and the work stops at its
 * next step. Writes that depend on still holding the job check it inside their own transaction
 * (`hold`), so a cancelled job can never commit another write.
 */
export class JobLease {
  readonly signal: AbortSignal;
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private lastWrite = 0;
  private lastStage: string | null = null;

  constructor(
    readonly job: ClaimedJob,
    private readonly workerId: string,
    private readonly leaseMs: number,
    stopping: AbortSignal,
  ) {
    this.signal = AbortSignal.any([this.controller.signal, stopping]);
    this.timer = setInterval(() => void this.renew().catch(() => undefined), Math.max(50, leaseMs / 3));
  }

  /** Throws if the job was lost or the worker is stopping. */
  check(): void {
    if (!this.signal.aborted) return;
    throw this.signal.reason instanceof Error ? this.signal.reason : new WorkerStopping();
  }

  async report(stage: string, progress: number): Promise<void> {
    this.check();
    const now = Date.now();
    if (stage === this.lastStage && now - this.lastWrite < PROGRESS_INTERVAL_MS) return;
    this.lastStage = stage;
    this.lastWrite = now;
    const updated = await systemDatabase("job-queue").prisma.$executeRaw`
      UPDATE ingest_jobs SET stage = ${stage}, progress = ${Math.round(progress)}, updated_at = now(),
             locked_until = now() + ${this.leaseMs} * interval '1 millisecond'
      WHERE id = ${this.job.id}::uuid AND status = 'running' AND locked_by = ${this.workerId}`;
    if (updated === 0) this.lose();
    this.check();
  }

  /** Inside a tenant transaction: proves the job is still ours (locking its row until commit) and renews the lease. */
  async hold(tx: TenantTx): Promise<void> {
    const updated = await tx.$executeRaw`
      UPDATE ingest_jobs SET locked_until = now() + ${this.leaseMs} * interval '1 millisecond', updated_at = now()
      WHERE id = ${this.job.id}::uuid AND status = 'running' AND locked_by = ${this.workerId}`;
    if (updated === 0) {
      this.lose();
      throw new JobLost();
    }
  }

  /** Inside the transaction that makes the work visible: the job is done, if it is still ours. */
  async complete(tx: TenantTx): Promise<void> {
    const updated = await tx.$executeRaw`
      UPDATE ingest_jobs SET status = 'succeeded', progress = 100, stage = 'done', error = NULL,
             locked_by = NULL, locked_until = NULL, updated_at = now()
      WHERE id = ${this.job.id}::uuid AND status = 'running' AND locked_by = ${this.workerId}`;
    if (updated === 0) {
      this.lose();
      throw new JobLost();
    }
  }

  /** Gives the job back to the queue (the worker is stopping); the attempt does not count. */
  async release(): Promise<void> {
    await systemDatabase("job-queue").prisma.$executeRaw`
      UPDATE ingest_jobs SET status = 'queued', locked_by = NULL, locked_until = NULL, attempts = greatest(attempts - 1, 0), updated_at = now()
      WHERE id = ${this.job.id}::uuid AND status = 'running' AND locked_by = ${this.workerId}`;
  }

  /** Puts the job back in the queue to run again after `delayMs`, recording why. */
  async retryLater(delayMs: number, error: string, countsAsAttempt = true): Promise<void> {
    await systemDatabase("job-queue").prisma.$executeRaw`
      UPDATE ingest_jobs SET status = 'queued', locked_by = NULL, locked_until = NULL, error = ${error}, updated_at = now(),
             run_after = now() + ${delayMs} * interval '1 millisecond',
             attempts = CASE WHEN ${countsAsAttempt} THEN attempts ELSE greatest(attempts - 1, 0) END
      WHERE id = ${this.job.id}::uuid AND status = 'running' AND locked_by = ${this.workerId}`;
  }

  /** Inside a tenant transaction: the job failed for good. Returns false if it was no longer ours. */
  async fail(tx: TenantTx, error: string): Promise<boolean> {
    const updated = await tx.$executeRaw`
      UPDATE ingest_jobs SET status = 'failed', error = ${error}, stage = 'failed', locked_by = NULL, locked_until = NULL, updated_at = now()
      WHERE id = ${this.job.id}::uuid AND status = 'running' AND locked_by = ${this.workerId}`;
    return updated > 0;
  }

  close(): void {
    clearInterval(this.timer);
  }

  private async renew(): Promise<void> {
    if (this.signal.aborted) return;
    const updated = await systemDatabase("job-queue").prisma.$executeRaw`
      UPDATE ingest_jobs SET locked_until = now() + ${this.leaseMs} * interval '1 millisecond'
      WHERE id = ${this.job.id}::uuid AND status = 'running' AND locked_by = ${this.workerId}`;
    if (updated === 0) this.lose();
  }

  private lose(): void {
    if (!this.controller.signal.aborted) this.controller.abort(new JobLost());
  }
}
