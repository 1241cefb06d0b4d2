/** Turns passages and questions into vectors of one fixed dimension. `id` is stored beside every vector. */
export type Embedder = {
  id: string;
  dimensions: number;
  embed(texts: string[]): Promise<number[][]>;
};
