import { hangulBigrams, nonHangulWords } from "@/lib/text/terms";

/**
 * A plain Okapi BM25 in memory, the yardstick the product's retrieval is compared with: words as
 * they are (lower-cased, no stemming, no stop words) and Hangul as character bigrams, k1 = 1.2,
 * b = 0.75, Lucene's always-positive inverse document frequency. `analyze` can be swapped to try
 * other term analyses on the same scoring.
 */
export class Bm25 {
  private readonly postings = new Map<string, { doc: number; tf: number }[]>();
  private readonly lengths: number[] = [];
  private readonly ids: string[] = [];
  private totalLength = 0;

  constructor(
    private readonly analyze: (text: string) => string[] = plainTerms,
    private readonly k1 = 1.2,
    private readonly b = 0.75,
  ) {}

  add(id: string, text: string): void {
    const doc = this.ids.push(id) - 1;
    const terms = this.analyze(text);
    this.lengths.push(terms.length);
    this.totalLength += terms.length;
    const counts = new Map<string, number>();
    for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
    for (const [term, tf] of counts) {
      const list = this.postings.get(term);
      if (list) list.push({ doc, tf });
      else this.postings.set(term, [{ doc, tf }]);
    }
  }

  /** Document ids, best first. */
  search(query: string, limit = 10): string[] {
    const n = this.ids.length;
    const averageLength = this.totalLength / Math.max(1, n);
    const scores = new Map<number, number>();
    for (const term of new Set(this.analyze(query))) {
      const list = this.postings.get(term);
      if (!list) continue;
      const idf = Math.log(1 + (n - list.length + 0.5) / (list.length + 0.5));
      for (const { doc, tf } of list) {
        const norm = this.k1 * (1 - this.b + (this.b * this.lengths[doc]!) / averageLength);
        scores.set(doc, (scores.get(doc) ?? 0) + (idf * tf * (this.k1 + 1)) / (tf + norm));
      }
    }
    return [...scores.entries()]
      .sort((x, y) => y[1] - x[1] || x[0] - y[0])
      .slice(0, limit)
      .map(([doc]) => this.ids[doc]!);
  }
}

function plainTerms(text: string): string[] {
  return [...nonHangulWords(text), ...hangulBigrams(text)];
}
