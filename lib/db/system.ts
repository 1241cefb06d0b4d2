import "server-only";
import { type Database, database, databaseOfRunningServer } from "@/lib/db/client";
import { refuseInsideTransaction } from "@/lib/db/tenant";

/**
 * Cross-tenant work: the only door to the database besides the tenant layer (lib/db/tenant.ts). It
 * acts as the owner role, which is not a superuser on either database, so row-level security still
 * hides every tenant's rows here (FORCE ROW LEVEL SECURITY); what it can reach is what is not a
 * tenant's: the tenants directory, the job queue (ingest_jobs is readable by its owner so a worker can
 * claim a job before it knows whose it is), the deployment's embedders, indexes, statistics and the
 * migrations. Every use names its purpose, and every module that opens this door is listed here and
 * in tests/unit/db/raw-client-imports.test.ts, which fails on a new one:
 *
 * - "migrations": lib/server/startup.ts (apply committed migrations under an advisory lock)
 * - "tenant-directory": lib/retrieval/search-setup.ts (which workspaces to backfill search terms for, each in its own tenant transaction), lib/auth/tenants.ts (find a workspace by slug or id, before anyone is signed in; add one for the operator's lib/auth/workspaces.ts), prisma/seed.ts (create the demo workspaces),
 *   lib/audit/sweeper.ts, lib/audit/checkpoints.ts and lib/audit/purge.ts (which workspaces to close pending turns, sign chain heads and purge expired records for, each then in its own tenant transaction)
 * - "job-queue": lib/ingest/jobs/lease.ts (claim, renew, release and retry jobs), lib/ingest/jobs/bulk-load.ts (count the backlog), lib/ingest/jobs/queue.ts (count outstanding jobs for the metrics)
 * - "embedders": lib/embeddings/active.ts, lib/ingest/embedder-switch.ts (the deployment's embedder records and the switch between them)
 * - "maintenance": lib/embeddings/vector-index.ts (build and drop vector indexes), lib/ingest/jobs/table-upkeep.ts (ANALYZE, VACUUM, CHECKPOINT; which tables changed enough to analyze, how much log was written since the last checkpoint), lib/retrieval/search-setup.ts (check the search indexes at start-up)
 * - "health": lib/server/health.ts (SELECT 1)
 * - "sign-in-limits": lib/auth/sign-in-throttle.ts (failed password attempts per account and address, before anyone is signed in; keys hashed, no tenant)
 *
 * closeDatabase() is for processes that end: scripts/seed.ts, scripts/audit-verify.ts, scripts/workspace.ts, lib/server/shutdown.ts (servers and the worker process);
 * joinRunningServerDatabase() for processes beside a running server: scripts/worker.ts, scripts/workspace.ts.
 */
export type SystemPurpose = "migrations" | "tenant-directory" | "job-queue" | "embedders" | "maintenance" | "health" | "sign-in-limits";

export type SystemDatabase = Pick<Database, "kind" | "prisma" | "withSession" | "engine">;

export function systemDatabase(purpose: SystemPurpose): SystemDatabase {
  refuseInsideTransaction(`systemDatabase("${purpose}")`);
  return database();
}

/**
 * For the worker process (scripts/worker.ts): its connection is the running server's embedded
 * database, reached over its socket, or DATABASE_URL's. Call before anything else touches the database.
 */
export function joinRunningServerDatabase(): void {
  databaseOfRunningServer();
}

/** For scripts and the worker process when they end: closes this process's connection (and embedded engine). */
export function closeDatabase(): Promise<void> {
  return database().close();
}
