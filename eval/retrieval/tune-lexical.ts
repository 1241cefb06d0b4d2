// Chooses the lexical ranking's parameters (lib/retrieval/bm25.ts) on the tuning half of the
// development sets and reports them on the held-out half, beside the plain BM25 baseline, without a
// database: the product's scores are the same inner products, computed here in memory over the same
// chunks. The candidate with the best mean MRR@10 over the sets' tuning halves wins.
// Run: npx tsx --conditions=react-server eval/retrieval/tune-lexical.ts [data dir]
import path from "node:path";
import { chunkBlocks } from "@/lib/ingest/chunk";
import { BM25, chunkTerms, questionTerms, type Bm25Parameters } from "@/lib/retrieval/bm25";
import { Bm25 } from "./bm25-baseline";
import { isHeldOut } from "./held-out";
import { loadRetrievalSet, rankMetrics, type RetrievalSet } from "./sets";

const TENANT = "00000000-0000-0000-0000-000000000000";
const CANDIDATES: Bm25Parameters[] = [
  BM25,
  { k1: 0.9, b: 0.9, typicalLength: 120, headingRepeats: 1 },
  { k1: 1.2, b: 0.75, typicalLength: 120, headingRepeats: 1 },
  { k1: 0.9, b: 0.75, typicalLength: 120, headingRepeats: 2 },
  { k1: 0.9, b: 0.5, typicalLength: 250, headingRepeats: 2 },
  { k1: 0.9, b: 0.75, typicalLength: 250, headingRepeats: 2 },
];

function productRanker(set: RetrievalSet, parameters: Bm25Parameters) {
  const chunks = set.passages.flatMap((p) =>
    chunkBlocks([
      { kind: "heading", level: 1, text: p.title },
      { kind: "paragraph", text: p.text },
    ]).map((draft) => ({ docId: p.doc_id, terms: chunkTerms(TENANT, draft, parameters) })),
  );
  const postings = new Map<number, { chunk: number; weight: number }[]>();
  chunks.forEach((chunk, index) => {
    chunk.terms.ids.forEach((id, i) => {
      const posting = { chunk: index, weight: chunk.terms.weights[i]! };
      const list = postings.get(id);
      if (list) list.push(posting);
      else postings.set(id, [posting]);
    });
  });
  return (question: string): string[] => {
    const { ids, counts } = questionTerms(TENANT, question);
    const scores = new Map<number, number>();
    ids.forEach((id, i) => {
      const list = postings.get(id);
      if (!list) return;
      const idf = Math.log(1 + (chunks.length - list.length + 0.5) / (list.length + 0.5)) * counts[i]!;
      for (const { chunk, weight } of list) scores.set(chunk, (scores.get(chunk) ?? 0) + idf * weight);
    });
    const ranked = [...scores.entries()].sort((x, y) => y[1] - x[1] || x[0] - y[0]).map(([chunk]) => chunks[chunk]!.docId);
    return [...new Set(ranked)].slice(0, 10);
  };
}

const dataDir = path.resolve(process.argv[2] ?? "../shared/eval");
const sets = ["squad_v1.1_dev", "korquad_v1.0_dev"].map((name) => ({ name, set: loadRetrievalSet(path.join(dataDir, "retrieval_qa", name)) }));
for (const { name, set } of sets) {
  const baseline = new Bm25();
  for (const p of set.passages) baseline.add(p.doc_id, `${p.title}\n${p.text}`);
  const rank = (q: string) => baseline.search(q);
  console.log(
    name,
    "plain BM25: tuning",
    rankMetrics(
      set.queries.filter((q) => !isHeldOut(q.article)),
      rank,
    ),
    "held out",
    rankMetrics(
      set.queries.filter((q) => isHeldOut(q.article)),
      rank,
    ),
  );
}
let best: { parameters: Bm25Parameters; mrr: number } | null = null;
for (const parameters of CANDIDATES) {
  let mrr = 0;
  for (const { name, set } of sets) {
    const rank = productRanker(set, parameters);
    const tuning = rankMetrics(
      set.queries.filter((q) => !isHeldOut(q.article)),
      rank,
    );
    const heldOut = rankMetrics(
      set.queries.filter((q) => isHeldOut(q.article)),
      rank,
    );
    console.log(name, JSON.stringify(parameters), "tuning", JSON.stringify(tuning), "held out", JSON.stringify(heldOut));
    mrr += tuning.mrr_at_10 / sets.length;
  }
  if (!best || mrr > best.mrr) best = { parameters, mrr };
}
console.log("best on the tuning halves:", JSON.stringify(best));
