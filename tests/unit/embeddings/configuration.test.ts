import { describe, expect, it } from "vitest";
import { configFromEnvironment } from "@/tests/support/config-from-environment";

const configWith = configFromEnvironment(["EMBEDDINGS_"]);

describe("embedding settings from the environment", () => {
  it("defaults to the built-in lexical embedder", async () => {
    expect((await configWith({}))().embeddings).toEqual({ provider: "lexical" });
  });

  it("reads an OpenAI-compatible server, its key and its dimensions", async () => {
    const config = await configWith({
      EMBEDDINGS_PROVIDER: "openai-compatible",
      EMBEDDINGS_BASE_URL: "http://embeddings.internal:8080/v1",
      EMBEDDINGS_MODEL: "bge-m3",
      EMBEDDINGS_API_KEY: "sk-embeddings-secret",
      EMBEDDINGS_DIMENSIONS: "1024",
    });
    expect(config().embeddings).toEqual({
      provider: "openai-compatible",
      baseURL: "http://embeddings.internal:8080/v1",
      model: "bge-m3",
      apiKey: "sk-embeddings-secret",
      dimensions: 1024,
    });
  });

  it("reads a local model directory", async () => {
    expect((await configWith({ EMBEDDINGS_PROVIDER: "local", EMBEDDINGS_LOCAL_MODEL_PATH: "/models/use-lite" }))().embeddings).toEqual({
      provider: "local",
      modelPath: "/models/use-lite",
    });
  });

  it("stops with a message naming the variable, never the key", async () => {
    const missing = await configWith({ EMBEDDINGS_PROVIDER: "openai-compatible", EMBEDDINGS_MODEL: "m", EMBEDDINGS_API_KEY: "sk-embeddings-secret" });
    expect(() => missing()).toThrow(/^Invalid configuration: EMBEDDINGS_BASE_URL: .*\(EMBEDDINGS_PROVIDER=openai-compatible\)$/);
    expect(() => missing()).not.toThrow(/sk-embeddings-secret/);
    const wrongURL = await configWith({ EMBEDDINGS_PROVIDER: "openai-compatible", EMBEDDINGS_BASE_URL: "ftp://host/v1", EMBEDDINGS_MODEL: "m" });
    expect(() => wrongURL()).toThrow(/EMBEDDINGS_BASE_URL/);
    const unknown = await configWith({ EMBEDDINGS_PROVIDER: "magic" });
    expect(() => unknown()).toThrow(/EMBEDDINGS_PROVIDER/);
    const dimensions = await configWith({
      EMBEDDINGS_PROVIDER: "openai-compatible",
      EMBEDDINGS_BASE_URL: "http://h/v1",
      EMBEDDINGS_MODEL: "m",
      EMBEDDINGS_DIMENSIONS: "many",
    });
    expect(() => dimensions()).toThrow(/EMBEDDINGS_DIMENSIONS/);
  });
});
