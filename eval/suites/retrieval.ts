// Retrieval quality of the product's own search path (lib/retrieval/hybrid-search.ts) on labelled
// question/passage sets: every folder under <data>/retrieval_qa/ that holds corpus.jsonl, queries.jsonl
// (and qrels.jsonl) is loaded into its own tenant of a fresh in-memory database, indexed the way uploads
// are (chunked under the passage's title, embedded by the active embedder), and queried as a user who
// may read everything. Reports hit@1, hit@5, recall@10 and MRR@10 per set, with query latency.
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { percentiles } from "../../bench/machine";
import { readJsonlFolder } from "../jsonl";

export const name = "retrieval";

type Passage = { doc_id: string; title?: string; text: string };
type Query = { qid: string; question: string; relevant_doc_ids?: string[] };
type Qrel = { qid: string; doc_id: string; relevance?: number };

const QUERIES_PER_SET = Number(process.env.EVAL_RETRIEVAL_QUERIES ?? 1000);

export async function run(dataDir: string): Promise<Record<string, unknown>> {
  process.env.PGLITE_DIR = "memory://";
  process.env.LORE_DEMO_SEED = "false";
  process.env.LOG_LEVEL ??= "warn";
  // Prepared as a server start prepares it: migrations, then the configured embedder (EMBEDDINGS_*),
  // which on an empty database becomes active at once.
  const { databaseReady } = await import("@/lib/server/startup");
  const { advanceSwitch } = await import("@/lib/ingest/embedder-switch");
  const { database } = await import("@/lib/db/client");
  await databaseReady();
  for (let step = 0; step < 5 && (await advanceSwitch()) !== "none"; step++);
  const root = path.join(dataDir, "retrieval_qa");
  const results: Record<string, unknown> = {};
  if (!existsSync(root)) return results;
  for (const set of readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    const folder = path.join(root, set);
    if (!existsSync(path.join(folder, "corpus.jsonl")) || !existsSync(path.join(folder, "queries.jsonl"))) continue;
    console.log(`eval: retrieval ${set} ...`);
    results[set] = await evaluateSet(set, folder);
  }
  await database().close();
  return results;
}

async function evaluateSet(set: string, folder: string) {
  const { indexPassages } = await import("../retrieval/index-passages");
  const { retrieve } = await import("@/lib/retrieval/hybrid-search");
  const rows = readJsonlFolder<Passage | Query | Qrel>(folder);
  const passages = rows.filter((r): r is Passage => "text" in r && "doc_id" in r);
  const queries = rows.filter((r): r is Query => "question" in r);
  const relevant = new Map<string, Set<string>>();
  for (const row of rows) {
    if ("doc_id" in row && "qid" in row && !("text" in row) && (row.relevance ?? 1) > 0) {
      relevant.set(row.qid, (relevant.get(row.qid) ?? new Set()).add(row.doc_id));
    }
  }
  for (const query of queries) if (!relevant.has(query.qid) && query.relevant_doc_ids) relevant.set(query.qid, new Set(query.relevant_doc_ids));

  const started = performance.now();
  const { user, documentOf } = await indexPassages(set, passages);
  const indexSeconds = (performance.now() - started) / 1000;

  // An even spread over the set, not its first questions (which cluster on the first articles).
  const stride = Math.max(1, Math.floor(queries.length / QUERIES_PER_SET));
  const sample = queries.filter((_, i) => i % stride === 0).slice(0, QUERIES_PER_SET);
  let hit1 = 0;
  let hit5 = 0;
  let recall10 = 0;
  let reciprocal = 0;
  const latencies: number[] = [];
  for (const query of sample) {
    const wanted = relevant.get(query.qid) ?? new Set<string>();
    const t0 = performance.now();
    const { chunks } = await retrieve(user, query.question, { limit: 10 });
    latencies.push(performance.now() - t0);
    const ranked = [...new Set(chunks.map((c) => documentOf.get(c.documentId)!))];
    const first = ranked.findIndex((id) => wanted.has(id));
    if (first === 0) hit1++;
    if (first >= 0 && first < 5) hit5++;
    if (first >= 0) reciprocal += 1 / (first + 1);
    recall10 += wanted.size ? ranked.slice(0, 10).filter((id) => wanted.has(id)).length / wanted.size : 0;
  }
  const n = sample.length || 1;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    passages: passages.length,
    queries: sample.length,
    hit_at_1: round(hit1 / n),
    hit_at_5: round(hit5 / n),
    recall_at_10: round(recall10 / n),
    mrr_at_10: round(reciprocal / n),
    query_latency: percentiles(latencies),
    index_seconds: round(indexSeconds),
  };
}
