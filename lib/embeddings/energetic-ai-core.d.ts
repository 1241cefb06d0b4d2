// @energetic-ai/core bundles TensorFlow.js, but its type declarations re-export @tensorflow packages
// it does not install, so TypeScript sees none of their functions. This declares the one we call.
import type { EmbeddingsModelData } from "@energetic-ai/embeddings";

declare module "@energetic-ai/core" {
  /** Loads a TensorFlow.js graph model; `file://` URLs read from disk. */
  export function loadGraphModel(modelUrl: string): Promise<EmbeddingsModelData["model"]>;
}
