// Retrieval at scale: the product's own retrieve() over 10k and 100k chunks in one tenant, for readers
// whose ACL admits all, about 10% or about 1% of them, with 100 labelled questions (half English,
// half Korean). Chunks are made of sentences of the development sets' passages, in documents of ten
// chunks, each readable by one of 100 groups, one in two hundred by everyone. For each selectivity:
// latency (wall clock, and the process's CPU time, which contention on a shared machine inflates
// less) and recall_vs_exact, the share of the top 10 that an exact, index-free ranking of the same
// BM25 scores also has in its top 10. At 100k chunks, the wide readers again at several candidate
// budgets (the bound on the lexical candidate scan), which chose the product's. Also the cost of a
// maximal question (the longest the chat accepts) against a normal one at several question-term
// caps, which chose QUESTION_TERM_CAP.
//
// Runs on the embedded database by default, or on the Postgres of BENCH_DATABASE_URL (its own tenant,
// deleted afterwards), whose figures go under retrieval_postgres instead (`npm run bench --
// retrieval_postgres`). Writes retrieval.at_10k_chunks, retrieval.at_100k_chunks (each with acl_100pct,
// acl_10pct and acl_1pct: p50_ms, p95_ms, recall_vs_exact), retrieval.question_terms and the plans.
import { randomUUID } from "node:crypto";
import path from "node:path";

if (process.env.BENCH_DATABASE_URL) process.env.DATABASE_URL = process.env.BENCH_DATABASE_URL;
else {
  process.env.PGLITE_DIR = "memory://";
  delete process.env.DATABASE_URL;
}
process.env.LOG_LEVEL ??= "silent";
process.env.LORE_DEMO_SEED = "false";

import { principalsOf } from "@/lib/auth/principals";
import type { AuthenticatedUser } from "@/lib/auth/user";
import { database } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate";
import { questionTerms, QUESTION_TERM_CAP, sparseLiteral } from "@/lib/retrieval/bm25";
import { explainLexicalSearch, retrieve, type SearchOptions } from "@/lib/retrieval/hybrid-search";
import { percentiles } from "@/bench/machine";
import { EVAL_DATA, loadChunks, readJsonl, sentenceSource } from "@/bench/support/corpus";

export const name = process.env.BENCH_DATABASE_URL ? "retrieval_postgres" : "retrieval";

const GROUPS = 100;
const EVERYONE_EVERY = 200;
const QUESTIONS = 100;

type Reader = { label: string; user: AuthenticatedUser };

export async function run(): Promise<Record<string, unknown>> {
  const db = database();
  await applyMigrations(db);
  const text = sentenceSource();
  const questions = benchQuestions();
  const results: Record<string, unknown> = { database: db.kind, questions: questions.length };
  let loaded = 0;
  const tenant = await db.prisma.tenant.create({ data: { slug: `bench-retrieval-${Date.now()}`, name: "Retrieval bench" } });
  try {
    const groupIds = Array.from({ length: GROUPS }, () => randomUUID());
    const readers: Reader[] = [
      { label: "acl_100pct", user: benchUser(tenant, groupIds) },
      { label: "acl_10pct", user: benchUser(tenant, groupIds.slice(0, GROUPS / 10)) },
      { label: "acl_1pct", user: benchUser(tenant, groupIds.slice(0, GROUPS / 100)) },
    ];
    for (const [key, size] of [
      ["at_10k_chunks", 10_000],
      ["at_100k_chunks", 100_000],
    ] as const) {
      if (process.env.BENCH_RETRIEVAL_MAX_CHUNKS && size > Number(process.env.BENCH_RETRIEVAL_MAX_CHUNKS)) continue;
      const started = performance.now();
      loaded = await loadChunks(tenant.id, {
        from: loaded,
        target: size,
        readers: (index) => (index % EVERYONE_EVERY === 0 ? ["everyone"] : [`group:${groupIds[index % GROUPS]}`]),
        text,
      });
      await db.prisma.$executeRawUnsafe("ANALYZE");
      console.log(`bench: retrieval ${size} chunks loaded in ${((performance.now() - started) / 1000).toFixed(0)} s`);
      const figures: Record<string, unknown> = { load_s: Math.round((performance.now() - started) / 1000) };
      for (const reader of readers) figures[reader.label] = await measure(reader.user, questions);
      const plans: Record<string, string[]> = {};
      for (const reader of readers) plans[reader.label] = (await explainLexicalSearch(reader.user, questions[QUESTIONS / 2]!)).split("\n");
      figures.plans = plans;
      if (size === 100_000) figures.candidate_budget = await candidateBudgetSweep(readers.slice(0, 2), questions);
      results[key] = figures;
    }
    results.question_terms = await questionTermCost(readers[0]!.user, questions);
  } finally {
    await db.prisma.tenant.delete({ where: { id: tenant.id } });
    await db.close();
  }
  return results;
}

function benchUser(tenant: { id: string; slug: string; name: string }, groupIds: string[]): AuthenticatedUser {
  return {
    id: randomUUID(),
    tenantId: tenant.id,
    tenantSlug: tenant.slug,
    tenantName: tenant.name,
    email: "bench@bench.test",
    name: "Bench",
    role: "employee",
    groupIds,
    groupNames: [],
  };
}

/**
 * Latency and recall_vs_exact of the wide readers (the bounded candidate scan is theirs) at other
 * candidate budgets than the product's, which chose CANDIDATE_BUDGET (lib/retrieval/hybrid-search.ts).
 */
async function candidateBudgetSweep(readers: Reader[], questions: string[]) {
  const sweep: Record<string, Record<string, unknown>> = {};
  // The exact rankings do not depend on the budget: computed once per reader.
  const exact = new Map<Reader, string[][]>();
  for (const reader of readers) {
    const rankings: string[][] = [];
    for (const question of questions) rankings.push(await exactTop10(reader.user, question));
    exact.set(reader, rankings);
  }
  for (const budget of [250, 500, 1_000, 2_000, 4_000]) {
    const row: Record<string, unknown> = {};
    for (const reader of readers) {
      const { p50_ms, p95_ms, recall_vs_exact } = await measure(reader.user, questions, { candidateBudget: budget }, exact.get(reader));
      row[reader.label] = { p50_ms, p95_ms, recall_vs_exact };
    }
    sweep[`budget_${budget}`] = row;
  }
  return sweep;
}

async function measure(user: AuthenticatedUser, questions: string[], options: SearchOptions = {}, exactRankings?: string[][]) {
  for (const question of questions.slice(0, 5)) await retrieve(user, question, { ...options, limit: 10 });
  const wall: number[] = [];
  const cpu: number[] = [];
  let recall = 0;
  for (const [index, question] of questions.entries()) {
    const cpuBefore = process.cpuUsage();
    const t0 = performance.now();
    const { chunks } = await retrieve(user, question, { ...options, limit: 10 });
    wall.push(performance.now() - t0);
    const used = process.cpuUsage(cpuBefore);
    cpu.push((used.user + used.system) / 1000);
    const exact = exactRankings?.[index] ?? (await exactTop10(user, question));
    const got = new Set(chunks.map((c) => c.chunkId));
    recall += exact.length ? exact.filter((id) => got.has(id)).length / exact.length : 1;
  }
  const w = percentiles(wall);
  const c = percentiles(cpu);
  return {
    p50_ms: w.p50_ms,
    p95_ms: w.p95_ms,
    recall_vs_exact: Math.round((recall / questions.length) * 1000) / 1000,
    cpu_p50_ms: c.p50_ms,
    cpu_p95_ms: c.p95_ms,
    readable_chunks: await readableChunks(user),
  };
}

/**
 * The same BM25 scores (the weights stored per chunk, inverse document frequencies from the same
 * statistics) ranked by reading every searchable chunk the user may read, with index scans off.
 */
async function exactTop10(user: AuthenticatedUser, question: string): Promise<string[]> {
  const { ids, counts } = questionTerms(user.tenantId, question);
  return database().prisma.$transaction(async (tx) => {
    await tx.$executeRawUnsafe("SET LOCAL enable_indexscan = off");
    await tx.$executeRawUnsafe("SET LOCAL enable_bitmapscan = off");
    const stats = await tx.$queryRaw<{ term: number; df: number; total: number }[]>`
      SELECT s.term_id AS term, s.chunks AS df, t.chunks AS total
      FROM search_term_stats s JOIN search_tenant_stats t ON t.tenant_id = s.tenant_id
      WHERE s.tenant_id = ${user.tenantId}::uuid AND s.term_id = ANY(${ids}::int[]) AND s.chunks > 0`;
    if (stats.length === 0) return [];
    const sorted = [...stats].sort((a, b) => a.term - b.term);
    const weights = sorted.map((s) => counts[ids.indexOf(s.term)]! * Math.log(1 + (s.total - s.df + 0.5) / (s.df + 0.5)));
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT chunk_id AS id FROM chunk_search
      WHERE tenant_id = ${user.tenantId}::uuid AND live AND acl && lore_search_acl(${user.tenantId}::uuid, ${principalsOf(user)}::text[])
        AND term_ids && ${sorted.map((s) => s.term)}::int[]
      ORDER BY term_weights <#> ${sparseLiteral(
        sorted.map((s) => s.term),
        weights,
      )}::sparsevec, chunk_id
      LIMIT 10`;
    return rows.map((r) => r.id);
  });
}

async function readableChunks(user: AuthenticatedUser): Promise<number> {
  const rows = await database().prisma.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM chunk_search WHERE tenant_id = ${user.tenantId}::uuid AND acl && lore_search_acl(${user.tenantId}::uuid, ${principalsOf(user)}::text[])`;
  return rows[0]?.n ?? 0;
}

function benchQuestions(): string[] {
  const pick = (set: string) => {
    const rows = readJsonl<{ question?: string }>(path.join(EVAL_DATA, set, "queries.jsonl")).filter((r) => r.question);
    const stride = Math.floor(rows.length / (QUESTIONS / 2));
    return rows
      .filter((_, i) => i % stride === 0)
      .slice(0, QUESTIONS / 2)
      .map((r) => r.question!);
  };
  return [...pick("squad_v1.1_dev"), ...pick("korquad_v1.0_dev")];
}

/**
 * What a maximal question (8,000 characters, the chat's limit) costs next to a normal one, in each
 * language with and without spaces, at several caps on its distinct terms.
 */
async function questionTermCost(user: AuthenticatedUser, questions: string[]) {
  const english = questions.slice(0, QUESTIONS / 2).join(" ");
  const korean = questions.slice(QUESTIONS / 2).join(" ");
  const fill = (source: string) => source.repeat(Math.ceil(8_000 / source.length)).slice(0, 8_000);
  const maximal = {
    english_spaces: fill(english),
    english_no_spaces: fill(english.replace(/\s+/g, "")),
    korean_spaces: fill(korean),
    korean_no_spaces: fill(korean.replace(/\s+/g, "")),
  };
  const time = async (question: string, cap: number) => {
    const samples: number[] = [];
    for (let i = 0; i < 7; i++) {
      const t0 = performance.now();
      await retrieve(user, question, { limit: 6, termCap: cap });
      samples.push(performance.now() - t0);
    }
    return percentiles(samples).p50_ms;
  };
  const normal: number[] = [];
  for (const question of questions) {
    const t0 = performance.now();
    await retrieve(user, question, { limit: 6 });
    normal.push(performance.now() - t0);
  }
  const byCap: Record<string, Record<string, number>> = {};
  for (const cap of [16, 32, 48, 64, 128, 1024]) {
    const row: Record<string, number> = {};
    for (const [label, question] of Object.entries(maximal)) row[label] = await time(question, cap);
    byCap[`cap_${cap}`] = row;
  }
  const distinct = questions.map((q) => questionTerms(user.tenantId, q, Number.MAX_SAFE_INTEGER).ids.length).sort((a, b) => a - b);
  return {
    cap: QUESTION_TERM_CAP,
    normal_question: percentiles(normal),
    normal_question_distinct_terms: { p50: distinct[Math.floor(distinct.length / 2)], p95: distinct[Math.floor(distinct.length * 0.95)], max: distinct.at(-1) },
    maximal_question_p50_ms: byCap,
  };
}
