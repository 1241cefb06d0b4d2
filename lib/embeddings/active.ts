import type { Embedder } from "@/lib/embeddings/embedder";
import { lexicalEmbedder } from "@/lib/embeddings/lexical";

/** The embedder new chunks and questions are embedded with. */
export function activeEmbedder(): Embedder {
  return lexicalEmbedder;
}
