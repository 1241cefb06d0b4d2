import { describe, expect, it } from "vitest";
import { vectorIndexName } from "@/lib/embeddings/vector-index";

describe("the name of an embedder's vector index", () => {
  it("keeps the name the migration gave the lexical embedder's index", () => {
    expect(vectorIndexName({ id: "lexical-hash-v1", slot: "a" })).toBe("chunks_embedding_lexical_hash_v1_hnsw");
    expect(vectorIndexName({ id: "lexical-hash-v1", slot: "b" })).toBe("chunks_embedding_b_lexical_hash_v1_hnsw");
  });

  it("is a safe identifier for any id, and different for ids that sanitise alike", () => {
    const names = ["openai:text-embedding-3-small", "openai_text-embedding-3-small", "local:My Model'; DROP TABLE chunks; --", "x".repeat(200)].map((id) =>
      vectorIndexName({ id, slot: "b" }),
    );
    for (const name of names) {
      expect(name).toMatch(/^[a-z0-9_]+$/);
      expect(name.length).toBeLessThanOrEqual(63);
    }
    expect(new Set(names).size).toBe(names.length);
  });
});
