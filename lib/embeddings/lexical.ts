import { ENGLISH_STOPWORDS, hangulBigrams, nonHangulWords } from "@/lib/text/terms";
import type { Embedder } from "@/lib/embeddings/embedder";

/**
 * An embedder that needs no model: features are hashed into a fixed-size vector ("the hashing
 * trick"). Words give exact matches, their character trigrams match inflections (policy/policies),
 * and Hangul bigrams match Korean words whatever particle is attached. Counts are dampened with a
 * logarithm so one repeated term does not swamp the rest, and the vector is L2-normalised so the
 * cosine distance of the HNSW index compares passages of any length.
 */
export const lexicalEmbedder: Embedder = {
  id: "lexical-hash-v1",
  dimensions: 384,
  embed: async (texts) => texts.map(lexicalVector),
};

function lexicalVector(text: string): number[] {
  const features = new Map<string, number>();
  const add = (feature: string, weight: number) => features.set(feature, (features.get(feature) ?? 0) + weight);
  for (const word of nonHangulWords(text)) {
    if (ENGLISH_STOPWORDS.has(word)) continue;
    add(`w:${word}`, 1);
    const padded = `^${word}$`;
    if (word.length > 3) for (let i = 0; i + 3 <= padded.length; i++) add(`t:${padded.slice(i, i + 3)}`, 0.25);
  }
  for (const bigram of hangulBigrams(text)) add(`k:${bigram}`, 1);

  const vector = new Array<number>(lexicalEmbedder.dimensions).fill(0);
  for (const [feature, count] of features) {
    const hash = fnv1a(feature);
    const sign = hash & 0x80000000 ? -1 : 1;
    vector[hash % lexicalEmbedder.dimensions]! += sign * (1 + Math.log(count));
  }
  const norm = Math.hypot(...vector);
  return norm === 0 ? vector : vector.map((x) => x / norm);
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
