// What serving the embedded database from its own thread costs per statement: the same statements
// through the app's path (pg → Unix socket → wire host → engine thread → back) and on PGlite in the
// calling thread, as the app ran it before. Also a whole tenant transaction as lib/db/tenant.ts opens
// it (BEGIN, the tenant settings, one query, COMMIT): the unit every request and retrieval pays.
// And the ingest job queue's two steps on it (for the pg-boss comparison in README.md): queueing a
// job with its document in the upload's transaction, and a worker claiming the next one.
process.env.PGLITE_DIR = "memory://";
process.env.LOG_LEVEL ??= "silent";
delete process.env.DATABASE_URL;

import { randomUUID } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import { vector } from "@electric-sql/pglite-pgvector";
import { percentiles } from "@/bench/machine";
import { database } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate";
import { withTenant } from "@/lib/db/tenant";
import { enqueueJob } from "@/lib/ingest/jobs/queue";
import { claimNextJob } from "@/lib/ingest/jobs/lease";

export const name = "db";

const WARMUP = 200;
const SAMPLES = 2_000;
const POINT_QUERY = "SELECT id, slug, name FROM tenants WHERE id = $1";
const JOBS = 500;

export async function run(): Promise<Record<string, unknown>> {
  const db = database();
  await applyMigrations(db);
  const tenant = await db.prisma.tenant.create({ data: { slug: "bench", name: "Bench" } });

  const embedded = {
    select_1: await timed(() => db.withSession((s) => s.query("SELECT 1"))),
    point_query: await timed(() => db.withSession((s) => s.query(POINT_QUERY, [tenant.id]))),
    tenant_transaction: await timed(() => withTenant(tenant.id, (tx) => tx.group.count())),
  };
  const job_queue = await jobQueue(tenant.id);
  await db.close();

  const inProcess = new PGlite({ extensions: { vector } });
  await inProcess.exec("CREATE TABLE tenants (id uuid PRIMARY KEY, slug text, name text)");
  await inProcess.query("INSERT INTO tenants VALUES ($1, 'bench', 'Bench')", [tenant.id]);
  const in_process = {
    select_1: await timed(() => inProcess.query("SELECT 1")),
    point_query: await timed(() => inProcess.query(POINT_QUERY, [tenant.id])),
  };
  await inProcess.close();

  return {
    embedded: { query_roundtrip: embedded.select_1, point_query: embedded.point_query, tenant_transaction: embedded.tenant_transaction, job_queue },
    in_process: { query_roundtrip: in_process.select_1, point_query: in_process.point_query },
    overhead_p50_ms: Math.round((embedded.select_1.p50_ms - in_process.select_1.p50_ms) * 1000) / 1000,
  };
}

async function timed(work: () => Promise<unknown>) {
  for (let i = 0; i < WARMUP; i++) await work();
  const samples: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  return percentiles(samples);
}

/** Queues JOBS documents' jobs, each in its own tenant transaction with its document as an upload does, then claims them all. */
async function jobQueue(tenantId: string) {
  const enqueue: number[] = [];
  for (let i = 0; i < JOBS; i++) {
    const started = performance.now();
    await withTenant(tenantId, async (tx) => {
      const document = await tx.document.create({
        data: {
          tenantId,
          title: `Note ${i}`,
          fileName: `note-${i}.md`,
          mimeType: "text/markdown",
          sizeBytes: 1,
          contentHash: `bench-${i}`,
          acl: ["everyone"],
          status: "queued",
          uploadedBy: randomUUID(),
        },
      });
      await enqueueJob(tx, { tenantId, documentId: document.id, kind: "index" });
    });
    enqueue.push(performance.now() - started);
  }
  const claim: number[] = [];
  for (let i = 0; i < JOBS; i++) {
    const started = performance.now();
    if (!(await claimNextJob("bench-worker", 600_000))) throw new Error("the queue ran dry early");
    claim.push(performance.now() - started);
  }
  return { enqueue_with_document: percentiles(enqueue), claim: percentiles(claim) };
}
