import "server-only";
import { z } from "zod";
import type { Embedder } from "@/lib/embeddings/embedder";
import { lexicalEmbedder } from "@/lib/embeddings/lexical";
import { localModelEmbedder, localModelSettingsSchema } from "@/lib/embeddings/local-model";
import { openAICompatibleEmbedder, openAICompatibleSettingsSchema } from "@/lib/embeddings/openai-compatible";

/** Which embedder to use and how to reach it; the config module fills this in from the environment. */
export const embeddingSettingsSchema = z.discriminatedUnion("provider", [
  z.object({ provider: z.literal("lexical") }),
  openAICompatibleSettingsSchema.extend({ provider: z.literal("openai-compatible") }),
  localModelSettingsSchema.extend({ provider: z.literal("local") }),
]);

export type EmbeddingSettings = z.infer<typeof embeddingSettingsSchema>;

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
