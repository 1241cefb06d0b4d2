import { describe, expect, it } from "vitest";
import { lexicalEmbedder } from "@/lib/embeddings/lexical";
import { embedderFor } from "@/lib/embeddings/provider";
import type { EmbeddingSettings } from "@/lib/embeddings/settings";

describe("embedderFor", () => {
  it("keeps the built-in lexical embedder", () => {
    expect(embedderFor({ provider: "lexical" })).toBe(lexicalEmbedder);
  });

  it("names an OpenAI-compatible embedder by its model, and knows declared dimensions without a call", () => {
    const embedder = embedderFor({ provider: "openai-compatible", baseURL: "http://127.0.0.1:9/v1", model: "text-embedding-3-small", dimensions: 1536 });
    expect(embedder.id).toBe("openai:text-embedding-3-small");
    expect(embedder.dimensions).toBe(1536);
  });

  it("names the local embedder by its model, without loading it", () => {
    const embedder = embedderFor({ provider: "local" });
    expect(embedder.id).toBe("local:use-lite-512");
    expect(embedder.dimensions).toBe(512);
    expect(embedderFor({ provider: "local", modelPath: "/models/use-lite-512-v2" }).id).toBe("local:use-lite-512-v2");
  });

  it("rejects settings the type cannot rule out, naming the field and never the key", () => {
    const invalid: EmbeddingSettings = { provider: "openai-compatible", baseURL: "not a url", apiKey: "sk-secret-key", model: "m", batchSize: 0 };
    expect(() => embedderFor(invalid)).toThrow(/^Invalid embedding settings: baseURL: .*; batchSize: /);
    expect(() => embedderFor(invalid)).not.toThrow(/sk-secret-key/);
    expect(() => embedderFor({ provider: "openai-compatible", baseURL: "ftp://host/v1", model: "m" })).toThrow(/baseURL/);
  });
});
