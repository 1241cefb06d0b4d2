import { describe, expect, it } from "vitest";
import { configFromEnvironment } from "@/tests/support/config-from-environment";

const configWith = configFromEnvironment(["RERANK_"]);

/** The rerank settings as a fresh process reads them from these variables (a function, so a bad value's error can be caught). */
async function rerankSettings(variables: Record<string, string>) {
  const config = await configWith(variables);
  return () => config().rerank;
}

describe("rerank settings from the environment", () => {
  it("has no reranker unless one is configured", async () => {
    expect((await rerankSettings({}))()).toBeNull();
  });

  it("reads the endpoint with twenty candidates, a minimum of 0.1 and five seconds by default", async () => {
    const settings = await rerankSettings({ RERANK_BASE_URL: "https://api.cohere.com/v2", RERANK_MODEL: "rerank-v3.5", RERANK_API_KEY: "co-secret" });
    expect(settings()).toEqual({
      baseURL: "https://api.cohere.com/v2",
      model: "rerank-v3.5",
      apiKey: "co-secret",
      timeoutMs: 5000,
      candidates: 20,
      minScore: 0.1,
    });
    const tuned = await rerankSettings({
      RERANK_BASE_URL: "http://vllm:8000/v1",
      RERANK_MODEL: "BAAI/bge-reranker-v2-m3",
      RERANK_CANDIDATES: "40",
      RERANK_MIN_SCORE: "-2.5",
      RERANK_TIMEOUT_MS: "800",
    });
    expect(tuned()).toMatchObject({ apiKey: undefined, candidates: 40, minScore: -2.5, timeoutMs: 800 });
  });

  it("stops with a message naming the variable, never the key", async () => {
    const half = await rerankSettings({ RERANK_BASE_URL: "http://reranker/v1", RERANK_API_KEY: "co-secret" });
    expect(() => half()).toThrow(/RERANK_BASE_URL and RERANK_MODEL must be set together/);
    expect(() => half()).not.toThrow(/co-secret/);
    const notURL = await rerankSettings({ RERANK_BASE_URL: "reranker", RERANK_MODEL: "m" });
    expect(() => notURL()).toThrow(/RERANK_BASE_URL/);
    const notNumber = await rerankSettings({ RERANK_BASE_URL: "http://reranker/v1", RERANK_MODEL: "m", RERANK_MIN_SCORE: "high" });
    expect(() => notNumber()).toThrow(/RERANK_MIN_SCORE/);
    const none = await rerankSettings({ RERANK_BASE_URL: "http://reranker/v1", RERANK_MODEL: "m", RERANK_CANDIDATES: "0" });
    expect(() => none()).toThrow(/RERANK_CANDIDATES/);
  });
});
