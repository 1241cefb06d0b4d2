// Retrieval quality of the product's own search path (lib/retrieval/hybrid-search.ts) on labelled
// question/passage sets: every folder under <data>/retrieval_qa/ that holds corpus.jsonl, queries.jsonl
// (and qrels.jsonl) is loaded into its own tenant of a fresh in-memory database, indexed the way uploads
// are (chunked under the passage's title, embedded by the active embedder), and queried as a user who
// may read everything. Reports hit@1, hit@5, recall@10 and MRR@10 per set, with query latency, beside a
// plain BM25 baseline on the same passages and questions (`bm25`). The questions are also split by
// article into a tuning half (parameters were chosen on it) and a held-out half, each with both figures.
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { percentiles } from "../../bench/machine";
import { Bm25 } from "../retrieval/bm25-baseline";
import { isHeldOut } from "../retrieval/held-out";
import { evenSample, loadRetrievalSet, rankMetrics, type Question } from "../retrieval/sets";

export const name = "retrieval";

const QUERIES_PER_SET = Number(process.env.EVAL_RETRIEVAL_QUERIES ?? 1000);

export async function run(dataDir: string): Promise<Record<string, unknown>> {
  process.env.PGLITE_DIR = "memory://";
  process.env.LORE_DEMO_SEED = "false";
  process.env.LOG_LEVEL ??= "warn";
  const { prepareDatabase } = await import("../retrieval/index-passages");
  const { database } = await import("@/lib/db/client");
  await prepareDatabase();
  const root = path.join(dataDir, "retrieval_qa");
  const results: Record<string, unknown> = {};
  if (!existsSync(root)) return results;
  for (const set of readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()) {
    const folder = path.join(root, set);
    if (!existsSync(path.join(folder, "corpus.jsonl")) || !existsSync(path.join(folder, "queries.jsonl"))) continue;
    console.log(`eval: retrieval ${set} ...`);
    results[set] = await evaluateSet(set, folder);
  }
  await database().close();
  return results;
}

async function evaluateSet(name: string, folder: string) {
  const { indexPassages } = await import("../retrieval/index-passages");
  const { retrieve } = await import("@/lib/retrieval/hybrid-search");
  const set = loadRetrievalSet(folder);

  const started = performance.now();
  const { user, documentOf } = await indexPassages(name, set.passages);
  const indexSeconds = (performance.now() - started) / 1000;
  const baseline = new Bm25();
  for (const p of set.passages) baseline.add(p.doc_id, `${p.title}\n${p.text}`);

  const sample = evenSample(set.queries, QUERIES_PER_SET);
  const rankedByProduct = new Map<string, string[]>();
  const latencies: number[] = [];
  for (const query of sample) {
    const t0 = performance.now();
    const { chunks } = await retrieve(user, query.question, { limit: 10 });
    latencies.push(performance.now() - t0);
    rankedByProduct.set(query.question, [...new Set(chunks.map((c) => documentOf.get(c.documentId)!))]);
  }
  const product = (question: string) => rankedByProduct.get(question) ?? [];
  const bm25 = (question: string) => baseline.search(question);
  const figures = (queries: Question[]) => {
    const { queries: n, ...metrics } = rankMetrics(queries, product);
    const { hit_at_1, hit_at_5, mrr_at_10 } = rankMetrics(queries, bm25);
    return { queries: n, ...metrics, bm25: { hit_at_1, hit_at_5, mrr_at_10 } };
  };
  return {
    passages: set.passages.length,
    ...figures(sample),
    query_latency: percentiles(latencies),
    index_seconds: Math.round(indexSeconds * 1000) / 1000,
    tuning_half: figures(sample.filter((q) => !isHeldOut(q.article))),
    held_out_half: figures(sample.filter((q) => isHeldOut(q.article))),
  };
}
