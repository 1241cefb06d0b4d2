import type { EmbeddingSlot } from "@/lib/generated/prisma/enums";

/**
 * The chunk columns of each vector slot. Two slots let a new embedder's vectors be written beside the
 * active one's during a switch, and neither moves afterwards: the next switch fills the slot left over.
 */
export const SLOT_COLUMNS = {
  a: { vector: "embedding", model: "embedding_model" },
  b: { vector: "embedding_b", model: "embedding_model_b" },
} as const satisfies Record<EmbeddingSlot, { vector: string; model: string }>;

export function otherSlot(slot: EmbeddingSlot): EmbeddingSlot {
  return slot === "a" ? "b" : "a";
}

/** A string as a SQL literal, for DDL and index predicates, which take no parameters. */
export function sqlLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
