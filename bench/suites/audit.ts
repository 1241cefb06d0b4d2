// The decision log at scale, on the embedded database: a tenant with a million records (written as
// the log writes them: chained, indexed for the console by its trigger), then what an auditor and a
// chat turn wait for: appending a record, a console page (first, deep, filtered, searched), the
// export of a hundred thousand filtered records (streamed) and the verification of the whole chain.
// AUDIT_BENCH_RECORDS sets the log's size (a million by default). The database lives in a fresh
// temporary directory (a million records are too much for an in-memory WASM heap), removed after.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
process.env.LOG_LEVEL ??= "silent";
process.env.LORE_DEMO_SEED = "false";
delete process.env.DATABASE_URL;

import { randomUUID } from "node:crypto";
import { writeCheckpoint, verifyDecisionLog } from "@/lib/audit/checkpoints";
import type { ConsoleFilter } from "@/lib/audit/console-filter";
import { exportDecisionRecords } from "@/lib/audit/export";
import { findDecisionRecords } from "@/lib/audit/queries";
import { appendDecisionRecordIn } from "@/lib/audit/records";
import { config } from "@/lib/config";
import { database } from "@/lib/db/client";
import { analyzeChangedTables } from "@/lib/ingest/jobs/table-upkeep";
import { applyMigrations } from "@/lib/db/migrate";
import { withTenant } from "@/lib/db/tenant";
import { percentiles } from "@/bench/machine";
import { createTenant } from "@/tests/support/fixtures";
import { writeSyntheticDecisions } from "@/tests/support/synthetic-decisions";

export const name = "audit";

const RECORDS = Number(process.env.AUDIT_BENCH_RECORDS ?? 1_000_000);
const WRITES = 300;
const PAGE_RUNS = 15;
const EXPORT_RECORDS = Math.min(100_000, RECORDS);

export async function run(): Promise<Record<string, unknown>> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "lore-bench-audit-"));
  process.env.PGLITE_DIR = dataDir;
  const target = config().database;
  if (target.kind !== "pglite" || target.dataDir !== dataDir) {
    throw new Error("The audit benchmark needs its own in-memory database: run it alone (npm run bench -- audit).");
  }
  const db = database();
  await applyMigrations(db);
  const people = Array.from({ length: 20 }, (_, i) => ({ key: `p${i}`, role: "employee" as const, groups: [i % 2 ? "sales" : "support"] }));
  const tenant = await createTenant("bench-audit", ["sales", "support"], [...people, { key: "auditor", role: "auditor", groups: [] }]);
  const auditor = tenant.users.auditor!;
  const askers = people.map((p) => tenant.users[p.key]!);

  // A million records over a year, ending now.
  const filling = performance.now();
  const to = new Date();
  const from = new Date(to.getTime() - 365 * 86_400_000);
  await writeSyntheticDecisions(tenant.tenant.id, askers, {
    count: RECORDS,
    from,
    to,
    seed: 42,
    answerWords: 40,
    batch: 2_000,
    onBatch: (done) => done % 100_000 === 0 && console.log(`bench: audit: ${done} records written`),
  });
  const fillS = (performance.now() - filling) / 1000;
  // What a server's idle upkeep does within seconds of such writes (the embedded database has no autovacuum).
  await analyzeChangedTables();

  // Appending, with the log before it: what a chat turn adds to the transaction it writes its answer
  // in (`write`), and the same append in a transaction of its own, begin and commit included.
  console.log("bench: audit: appending");
  const writes: number[] = [];
  const ownTransaction: number[] = [];
  for (let i = 0; i < WRITES; i++) {
    const asker = askers[i % askers.length]!;
    const started = performance.now();
    await withTenant(tenant.tenant.id, async (tx) => {
      const appending = performance.now();
      await appendDecisionRecordIn(tx, {
        id: randomUUID(),
        tenantId: tenant.tenant.id,
        userId: asker.id,
        userEmail: asker.email,
        conversationId: null,
        question: "How many vacation days do new employees get? My e-mail is [EMAIL].",
        answer: "Every employee gets 25 vacation days a year [1].".repeat(8),
        outcome: "answered",
        mode: "llm",
        model: "gpt-4o-mini",
        promptVersion: "v3",
        policyVersion: 2,
        retrieved: [],
        withheld: [],
        verdicts: [
          {
            stage: "input",
            check: "email",
            rule: "input.pii.email",
            detectors: ["email"],
            counts: { EMAIL: 1 },
            action: "redact",
            applied: true,
            shadow: false,
            findings: [],
          },
        ],
        tokensIn: 900,
        tokensOut: 120,
        latencyMs: 1500,
        error: null,
      });
      writes.push(performance.now() - appending);
    });
    ownTransaction.push(performance.now() - started);
  }

  // Console pages: the filters an auditor uses, first pages and a page deep in the log.
  const middle = Math.floor(RECORDS / 2);
  const recentMonth = new Date(to.getTime() - 30 * 86_400_000).toISOString().slice(0, 10);
  const pages: Record<string, { filter: ConsoleFilter; before?: number }> = {
    first_page: { filter: {} },
    deep_page: { filter: {}, before: middle },
    outcome_blocked: { filter: { outcome: "blocked" } },
    rule_email_deep: { filter: { rule: "input.pii.email" }, before: middle },
    trial_hits: { filter: { trial: "yes" } },
    group: { filter: { group: tenant.groupIds.sales! } },
    words_en: { filter: { q: "vacation days" } },
    words_ko: { filter: { q: "휴가 규정" } },
    last_month_no_feedback_one_model: { filter: { from: recentMonth, feedback: "none", model: "gpt-4o-mini" } },
  };
  const pageSamples: number[] = [];
  const perFilter: Record<string, unknown> = {};
  for (const [label, { filter, before }] of Object.entries(pages)) {
    console.log(`bench: audit: console pages, ${label}`);
    const samples: number[] = [];
    for (let i = 0; i < PAGE_RUNS; i++) {
      const started = performance.now();
      const page = await findDecisionRecords(auditor, filter, { before });
      samples.push(performance.now() - started);
      if (i === 0 && page.records.length === 0) throw new Error(`the console filter ${label} found nothing`);
    }
    pageSamples.push(...samples.slice(1));
    perFilter[label] = percentiles(samples.slice(1));
  }

  // Verification of the whole chain (what `npm run audit:verify` does), then a checkpoint, so that the
  // export's own checkpoint has only the records since to check.
  console.log("bench: audit: verifying the whole log");
  const verifying = performance.now();
  const verified = await verifyDecisionLog(tenant.tenant.id);
  const verifyS = (performance.now() - verifying) / 1000;
  if (!verified.ok) throw new Error(`the log did not verify: ${verified.problems[0]?.message}`);
  // The first checkpoint of a log written without a server's hourly ones checks all of it, in its one
  // transaction: longer than a request's limits allow.
  await withTenant(tenant.tenant.id, (tx) => writeCheckpoint(tx, tenant.tenant.id, "on_demand"), { timeoutMs: 600_000, statementTimeoutMs: 600_000 });

  // The export of the newest EXPORT_RECORDS records that match a filter, read as a client would.
  const exportFrom = await withTenant(tenant.tenant.id, (tx) =>
    tx.decisionRecord.findFirstOrThrow({ where: { tenantId: tenant.tenant.id, seq: RECORDS + WRITES - EXPORT_RECORDS + 1 }, select: { createdAt: true } }),
  );
  const exportFilter: ConsoleFilter = { from: exportFrom.createdAt.toISOString().slice(0, 10) };
  console.log("bench: audit: exporting");
  const heapBefore = process.memoryUsage().heapUsed;
  let heapPeak = heapBefore;
  const exporting = performance.now();
  const { stream } = await exportDecisionRecords(auditor, exportFilter, "jsonl");
  let lines = 0;
  let bytes = 0;
  const decoder = new TextDecoder();
  const reader = stream.getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    bytes += chunk.value.byteLength;
    lines += decoder.decode(chunk.value).split("\n").length - 1;
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
  }
  const exportS = (performance.now() - exporting) / 1000;
  const exported = lines - 1;
  await db.close();
  rmSync(dataDir, { recursive: true, force: true });

  return {
    records: RECORDS + WRITES,
    fill: { records_per_s: round(RECORDS / fillS), seconds: round(fillS) },
    write: percentiles(writes),
    write_own_transaction: percentiles(ownTransaction),
    [`console_page_${RECORDS >= 1_000_000 ? "1m" : `${Math.round(RECORDS / 1000)}k`}`]: { ...percentiles(pageSamples), page_size: 50, per_filter: perFilter },
    export: {
      records_per_s: round(exported / exportS),
      records: exported,
      megabytes: round(bytes / 2 ** 20),
      seconds: round(exportS),
      heap_peak_growth_mb: round((heapPeak - heapBefore) / 2 ** 20),
      format: "jsonl",
    },
    verify: { records_per_s: round(verified.count / verifyS), records: verified.count, seconds: round(verifyS) },
  };
}

const round = (x: number) => Math.round(x * 10) / 10;
