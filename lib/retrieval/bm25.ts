import { searchTerms } from "@/lib/text/terms";

/**
 * Okapi BM25 split in two so that Postgres computes it as one inner product (pgvector's sparsevec):
 * a chunk stores each term's saturated, length-normalised frequency, tf·(k1+1) / (tf + k1·(1−b+b·len/L)),
 * and a question carries each term's inverse document frequency in the tenant (times its count in the
 * question). Their inner product is the chunk's BM25 score.
 *
 * Parameters were chosen on the tuning halves of the development sets (best mean MRR@10, 0.894) and
 * checked on the held-out halves (eval/retrieval/tune-lexical.ts): SQuAD hit@5 0.943, MRR@10 0.862 and
 * KorQuAD 0.991, 0.942, where a plain BM25 has 0.921, 0.835 and 0.986, 0.935. The heading path counts
 * twice: a passage's title names what it is about. L is a fixed typical chunk
 * length rather than the tenant's running average, so a stored weight never goes stale as documents
 * come and go; chunks are cut to a bounded size, so the two stay close.
 */
export const BM25: Bm25Parameters = { k1: 0.9, b: 0.6, typicalLength: 180, headingRepeats: 2 };

export type Bm25Parameters = { k1: number; b: number; typicalLength: number; headingRepeats: number };

/**
 * Version of the term analysis and weights above: a chunk written under another version (or before
 * search stored terms) has its terms computed again at start-up (see search-terms-backfill.ts).
 */
export const TERMS_VERSION = 1;

// sparsevec indices run from 1 to its dimension; pgvector allows up to 10^9 dimensions.
export const TERM_SPACE = 1_000_000_000;

/**
 * A term's index in the tenant's term space: a 32-bit FNV-1a hash of tenant and term. The tenant is
 * part of the hash so that an index posting list holds one tenant's chunks only (the search index
 * needs no tenant column), and a hash says nothing about another tenant's vocabulary. Collisions in
 * 10^9 slots are rare and only merge two rare terms' counts.
 */
export function termId(tenantId: string, term: string): number {
  let hash = 0x811c9dc5;
  const key = `${tenantId}\u0000${term}`;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return ((hash >>> 0) % (TERM_SPACE - 1)) + 1;
}

export type ChunkTerms = {
  /** distinct term indices, ascending */
  ids: number[];
  /** BM25 document-side weight of each id */
  weights: number[];
  /** number of terms in the chunk, repeats included */
  length: number;
};

/** A chunk's term weights: its heading path counts as part of its text. */
export function chunkTerms(tenantId: string, chunk: { headingPath: string; content: string }, parameters = BM25): ChunkTerms {
  const { k1, b, typicalLength, headingRepeats } = parameters;
  const heading = searchTerms(chunk.headingPath);
  const terms = [...Array.from({ length: headingRepeats }, () => heading).flat(), ...searchTerms(chunk.content)];
  const counts = countIds(tenantId, terms);
  const norm = k1 * (1 - b + (b * terms.length) / typicalLength);
  const ids = [...counts.keys()].sort((x, y) => x - y);
  const weights = ids.map((id) => {
    const tf = counts.get(id)!;
    return (tf * (k1 + 1)) / (tf + norm);
  });
  return { ids, weights, length: terms.length };
}

export type QuestionTerms = { ids: number[]; counts: number[] };

/**
 * A question's distinct terms and how often each occurs, at most `cap` of them (the first ones in the
 * question): the cost of a search grows with its terms, and past a few dozen more terms only blur
 * what is asked. The cap was chosen by measurement (bench/suites/retrieval.ts, question_terms).
 */
export function questionTerms(tenantId: string, question: string, cap = QUESTION_TERM_CAP): QuestionTerms {
  const counts = countIds(tenantId, searchTerms(question), cap);
  return { ids: [...counts.keys()], counts: [...counts.values()] };
}

export const QUESTION_TERM_CAP = 48;

function countIds(tenantId: string, terms: string[], cap = Infinity): Map<number, number> {
  const counts = new Map<number, number>();
  for (const term of terms) {
    const id = termId(tenantId, term);
    const seen = counts.get(id);
    if (seen !== undefined) counts.set(id, seen + 1);
    else if (counts.size < cap) counts.set(id, 1);
  }
  return counts;
}

/** Weights in pgvector's sparsevec text form, `{index:value,...}/dimensions`; indices ascending. */
export function sparseLiteral(ids: number[], weights: number[]): string {
  return `{${ids.map((id, i) => `${id}:${Math.fround(weights[i]!)}`).join(",")}}/${TERM_SPACE}`;
}
