import { readJsonlFolder } from "../jsonl";

export type Passage = { doc_id: string; title: string; text: string };
export type Question = { qid: string; question: string; article: string; relevant: Set<string> };
export type RetrievalSet = { passages: Passage[]; queries: Question[] };

type Row = { doc_id?: string; title?: string; text?: string; qid?: string; question?: string; relevant_doc_ids?: string[]; relevance?: number };

/**
 * A labelled retrieval set in the shared layout (corpus, queries and qrels as JSON Lines, told apart
 * by their fields). A question's article is its title, else its first relevant passage's title.
 */
export function loadRetrievalSet(folder: string): RetrievalSet {
  const rows = readJsonlFolder<Row>(folder);
  const passages = rows
    .filter((r) => r.text !== undefined && r.doc_id !== undefined)
    .map((r) => ({ doc_id: r.doc_id!, title: r.title ?? r.doc_id!, text: r.text! }));
  const relevant = new Map<string, Set<string>>();
  for (const row of rows) {
    if (row.doc_id !== undefined && row.qid !== undefined && row.text === undefined && (row.relevance ?? 1) > 0) {
      relevant.set(row.qid, (relevant.get(row.qid) ?? new Set()).add(row.doc_id));
    }
  }
  const titleOf = new Map(passages.map((p) => [p.doc_id, p.title]));
  const queries = rows
    .filter((r) => r.question !== undefined && r.qid !== undefined)
    .map((r) => {
      const wanted = relevant.get(r.qid!) ?? new Set(r.relevant_doc_ids ?? []);
      return { qid: r.qid!, question: r.question!, relevant: wanted, article: r.title ?? titleOf.get([...wanted][0] ?? "") ?? r.qid! };
    });
  return { passages, queries };
}

export type RankMetrics = { queries: number; hit_at_1: number; hit_at_5: number; recall_at_10: number; mrr_at_10: number };

/** hit@1, hit@5, recall@10 and MRR@10 of a ranking (passage ids, best first) over some questions. */
export function rankMetrics(queries: Question[], rank: (question: string) => string[]): RankMetrics {
  let hit1 = 0;
  let hit5 = 0;
  let recall10 = 0;
  let reciprocal = 0;
  for (const query of queries) {
    const ranked = rank(query.question).slice(0, 10);
    const first = ranked.findIndex((id) => query.relevant.has(id));
    if (first === 0) hit1++;
    if (first >= 0 && first < 5) hit5++;
    if (first >= 0) reciprocal += 1 / (first + 1);
    recall10 += query.relevant.size ? ranked.filter((id) => query.relevant.has(id)).length / query.relevant.size : 0;
  }
  const n = queries.length || 1;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return { queries: queries.length, hit_at_1: round(hit1 / n), hit_at_5: round(hit5 / n), recall_at_10: round(recall10 / n), mrr_at_10: round(reciprocal / n) };
}

/** At most `count` questions spread evenly over the set, not its first ones (which cluster on the first articles). */
export function evenSample(queries: Question[], count: number): Question[] {
  const stride = Math.max(1, Math.floor(queries.length / count));
  return queries.filter((_, i) => i % stride === 0).slice(0, count);
}
