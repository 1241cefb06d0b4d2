/**
 * The vector scaled to length 1. Stored vectors are compared by cosine distance, which ignores length,
 * but unit vectors make every embedder's output alike whether or not its model normalises, so inner
 * products and cosine agree. A zero vector (nothing to point at) is returned unchanged.
 */
export function l2Normalised(vector: readonly number[]): number[] {
  let sumOfSquares = 0;
  for (const x of vector) sumOfSquares += x * x;
  const norm = Math.sqrt(sumOfSquares);
  return norm === 0 ? [...vector] : vector.map((x) => x / norm);
}
