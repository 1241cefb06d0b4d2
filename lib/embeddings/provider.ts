import "server-only";
import type { Embedder } from "@/lib/embeddings/embedder";
import { lexicalEmbedder } from "@/lib/embeddings/lexical";
import { localModelEmbedder } from "@/lib/embeddings/local-model";
import { openAICompatibleEmbedder } from "@/lib/embeddings/openai-compatible";
import { embeddingSettingsSchema, type EmbeddingSettings } from "@/lib/embeddings/settings";

/**
 * The embedder the settings describe. Nothing is loaded or called yet: the local model loads on its
 * first use, and an OpenAI-compatible server without declared `dimensions` reveals them with its
 * first answer (reading `dimensions` before then throws; use `probedEmbedder` to learn them now).
 * Settings that the type cannot rule out (a batch size of 0, a malformed URL) throw here.
 */
export function embedderFor(settings: EmbeddingSettings): Embedder {
  const parsed = embeddingSettingsSchema.safeParse(settings);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "settings"}: ${issue.message}`).join("; ");
    throw new Error(`Invalid embedding settings: ${problems}`);
  }
  const valid = parsed.data;
  switch (valid.provider) {
    case "lexical":
      return lexicalEmbedder;
    case "openai-compatible":
      return openAICompatibleEmbedder(valid);
    case "local":
      return localModelEmbedder(valid);
  }
}

/**
 * The embedder after one call with a short probe text, made at start-up: afterwards its `dimensions`
 * are known, the local model is loaded, and a wrong URL, key, model name or model path has already
 * failed with a clear message instead of on the first upload.
 */
export async function probedEmbedder(settings: EmbeddingSettings): Promise<Embedder> {
  const embedder = embedderFor(settings);
  await embedder.embed(["dimension probe"]);
  return embedder;
}
