// The fusion of the lexical and vector rankings with the local English model (Universal Sentence
// Encoder lite), measured through the product's own retrieve(): each set is indexed once with the
// model and every question is ranked by the lexical channel alone, the vector channel alone, the
// fusion at several vector weights, and the product as configured (lib/retrieval/hybrid-search.ts
// `vectorWeight`). Figures come for the tuning half (the weight is chosen on it) and the held-out half.
// Run by eval/suites/retrieval-local-model.ts in a process of its own, because the configuration and
// the database are per process: npx tsx --conditions=react-server eval/retrieval/local-model-fusion.ts <data dir> <output.json>
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { database } from "@/lib/db/client";
import { deploymentEmbedders } from "@/lib/embeddings/active";
import { retrieve, type SearchOptions } from "@/lib/retrieval/hybrid-search";
import { isHeldOut } from "./held-out";
import { indexPassages, prepareDatabase } from "./index-passages";
import { evenSample, loadRetrievalSet, rankMetrics, type Question } from "./sets";

const SETS = ["squad_v1.1_dev", "korquad_v1.0_dev"];
// 500 questions a set (the retrieval suite takes 1,000): 9 rankings each, on a shared 2-core machine.
const QUERIES_PER_SET = Number(process.env.EVAL_RETRIEVAL_QUERIES ?? 500);
const VECTOR_WEIGHTS = [0.02, 0.05, 0.1, 0.25, 0.5, 1, 2];

const RANKINGS: Record<string, NonNullable<SearchOptions["fusionWeights"]>> = {
  lexical: { lexical: 1, vector: 0 },
  vector: { lexical: 0, vector: 1 },
  ...Object.fromEntries(VECTOR_WEIGHTS.map((weight) => [`fused_${weight}`, { lexical: 1, vector: weight }])),
};

const [dataArgument, output] = process.argv.slice(2);
if (!dataArgument || !output) throw new Error("usage: local-model-fusion.ts <data dir> <output.json>");
process.env.PGLITE_DIR = "memory://";
process.env.LORE_DEMO_SEED = "false";
process.env.LOG_LEVEL ??= "warn";
process.env.EMBEDDINGS_PROVIDER = "local";
await prepareDatabase();

// Every ranking of a question embeds it again with the same model; the vector is the same each time,
// so it is computed once (a question takes ~10-20 ms to embed, times the rankings, times the questions).
const { active } = await deploymentEmbedders();
const embed = active.embedder.embed.bind(active.embedder);
const questionVectors = new Map<string, number[]>();
active.embedder.embed = async (texts) => {
  if (texts.length !== 1) return embed(texts);
  const text = texts[0]!;
  const known = questionVectors.get(text) ?? (await embed(texts))[0]!;
  questionVectors.set(text, known);
  return [known];
};

const results: Record<string, unknown> = { embedder: active.id, queries_per_set: QUERIES_PER_SET, vector_weights: VECTOR_WEIGHTS };
for (const name of SETS) {
  const folder = path.join(path.resolve(dataArgument), "retrieval_qa", name);
  if (!existsSync(path.join(folder, "corpus.jsonl"))) continue;
  const set = loadRetrievalSet(folder);
  console.error(`eval: retrieval_local_model ${name}: embedding ${set.passages.length} passages ...`);
  const started = performance.now();
  const { user, documentOf } = await indexPassages(name, set.passages);
  const indexSeconds = Math.round(performance.now() - started) / 1000;
  const sample = evenSample(set.queries, QUERIES_PER_SET);
  const search = async (question: string, fusionWeights?: SearchOptions["fusionWeights"]) => {
    const { chunks } = await retrieve(user, question, { limit: 10, fusionWeights });
    return [...new Set(chunks.map((c) => documentOf.get(c.documentId)!))];
  };
  const ranked = new Map<string, Map<string, string[]>>();
  for (const [ranking, fusionWeights] of Object.entries(RANKINGS)) {
    console.error(`eval: retrieval_local_model ${name}: ${ranking} ...`);
    const byQuestion = new Map<string, string[]>();
    for (const query of sample) {
      byQuestion.set(query.question, await search(query.question, fusionWeights));
    }
    ranked.set(ranking, byQuestion);
  }
  // The product as configured (hybrid-search.ts `vectorWeight`).
  const product = new Map<string, string[]>();
  for (const query of sample) product.set(query.question, await search(query.question));
  ranked.set("product", product);
  const figures = (queries: Question[]) => ({
    queries: queries.length,
    ...Object.fromEntries(
      [...ranked].map(([ranking, byQuestion]) => {
        const { hit_at_1, hit_at_5, mrr_at_10 } = rankMetrics(queries, (question) => byQuestion.get(question) ?? []);
        return [ranking, { hit_at_1, hit_at_5, mrr_at_10 }];
      }),
    ),
  });
  results[name] = {
    passages: set.passages.length,
    index_seconds: indexSeconds,
    tuning_half: figures(sample.filter((q) => !isHeldOut(q.article))),
    held_out_half: figures(sample.filter((q) => isHeldOut(q.article))),
  };
}
await database().close();
writeFileSync(output, `${JSON.stringify(results, null, 2)}\n`);
process.exit(0);
