import { afterEach, describe, expect, it } from "vitest";
import { l2Normalised } from "@/lib/embeddings/normalise";
import { openAICompatibleEmbedder } from "@/lib/embeddings/openai-compatible";
import type { OpenAICompatibleSettings } from "@/lib/embeddings/settings";
import { probedEmbedder } from "@/lib/embeddings/provider";
import { type EmbeddingsServer, type EmbeddingsServerOptions, startEmbeddingsServer } from "@/tests/support/openai-compatible-server";

const API_KEY = "sk-test-5f3c9a1e-never-print-me";
// Retries in these tests wait a few milliseconds, not the production half-second and up.
const FAST_BACKOFF = { baseMs: 1, maxMs: 5 };

let server: EmbeddingsServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(options: EmbeddingsServerOptions = {}): Promise<EmbeddingsServer> {
  server = await startEmbeddingsServer(options);
  return server;
}

function embedderAgainst(embeddings: EmbeddingsServer, settings: Partial<OpenAICompatibleSettings> = {}) {
  return openAICompatibleEmbedder({ baseURL: embeddings.baseURL, apiKey: API_KEY, model: "test-embed", ...settings }, FAST_BACKOFF);
}

const texts = (count: number) => Array.from({ length: count }, (_, i) => `passage number ${i}`);

describe("OpenAI-compatible embedder against a real HTTP server", () => {
  it("sends the texts in batches of the configured size to POST {baseURL}/embeddings", async () => {
    const embeddings = await serve();
    await embedderAgainst(embeddings, { batchSize: 4, concurrency: 1 }).embed(texts(10));

    expect(embeddings.requests.map((r) => r.input.length)).toEqual([4, 4, 2]);
    expect(embeddings.requests.flatMap((r) => r.input)).toEqual(texts(10));
    for (const request of embeddings.requests) {
      expect(request).toMatchObject({ path: "/v1/embeddings", model: "test-embed", authorization: `Bearer ${API_KEY}` });
    }
  });

  it("returns the server's vectors, L2-normalised, in the order of the inputs even when batches finish out of order", async () => {
    // The batch holding the first text answers last; within each answer the server lists vectors in reverse.
    const embeddings = await serve({ delayMs: (input) => (input.includes("passage number 0") ? 60 : 5) });
    const inputs = texts(11);
    const vectors = await embedderAgainst(embeddings, { batchSize: 3, concurrency: 4 }).embed(inputs);

    expect(vectors).toHaveLength(inputs.length);
    inputs.forEach((text, i) => {
      const expected = l2Normalised(embeddings.vectorFor(text));
      vectors[i]!.forEach((x, d) => {
        expect(x).toBeCloseTo(expected[d]!, 12);
      });
      expect(Math.hypot(...vectors[i]!)).toBeCloseTo(1, 12);
    });
    expect(Math.hypot(...embeddings.vectorFor(inputs[0]!))).not.toBeCloseTo(1, 3);
  });

  it("never has more requests in flight than the concurrency bound, and does use it", async () => {
    const embeddings = await serve({ delayMs: 25 });
    await embedderAgainst(embeddings, { batchSize: 1, concurrency: 3 }).embed(texts(12));

    expect(embeddings.requests).toHaveLength(12);
    expect(embeddings.maxInFlight()).toBe(3);
  });

  it("sends nothing for no texts", async () => {
    const embeddings = await serve();
    expect(await embedderAgainst(embeddings).embed([])).toEqual([]);
    expect(embeddings.requests).toHaveLength(0);
  });

  it("retries a 429 after the Retry-After the server asked for, then succeeds", async () => {
    const embeddings = await serve();
    embeddings.failNext(1, { status: 429, retryAfterSeconds: 1 });
    const started = performance.now();
    const vectors = await embedderAgainst(embeddings).embed(["hello"]);

    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    expect(embeddings.requests).toHaveLength(2);
    expect(vectors).toHaveLength(1);
  });

  it("retries 500s with backoff and then succeeds", async () => {
    const embeddings = await serve();
    embeddings.failNext(3, { status: 500 });
    const vectors = await embedderAgainst(embeddings, { maxRetries: 3 }).embed(texts(2));

    expect(embeddings.requests).toHaveLength(4);
    expect(vectors).toHaveLength(2);
  });

  it("gives up on a request that hangs past the timeout and retries it", async () => {
    const embeddings = await serve();
    embeddings.failNext(1, { hang: true });
    const vectors = await embedderAgainst(embeddings, { timeoutMs: 150 }).embed(["hello"]);

    expect(embeddings.requests).toHaveLength(2);
    expect(vectors).toHaveLength(1);
  });

  it("fails clearly once retries are spent, naming the host and status but never the API key", async () => {
    // The server echoes the key in its error body, as some proxies do.
    const embeddings = await serve({ errorBodyEcho: `bad key ${API_KEY}` });
    embeddings.failNext(10, { status: 500 });
    const failure = embedderAgainst(embeddings, { maxRetries: 2 }).embed(["hello"]);

    await expect(failure).rejects.toThrow(
      /^Embedding request to 127\.0\.0\.1:\d+ \(model test-embed\) failed after 3 attempts: HTTP 500 Internal Server Error/,
    );
    const message = await failure.catch((error: Error) => error.message);
    expect(message).toContain("[redacted]");
    expect(message).not.toContain(API_KEY);
    expect(embeddings.requests).toHaveLength(3);
  });

  it("says when every attempt timed out", async () => {
    const embeddings = await serve();
    embeddings.failNext(10, { hang: true });
    await expect(embedderAgainst(embeddings, { timeoutMs: 100, maxRetries: 1 }).embed(["hello"])).rejects.toThrow(
      /failed after 2 attempts: no response within 100 ms/,
    );
  });

  it("retries when nothing listens, then names the network error", async () => {
    const embeddings = await serve();
    const baseURL = embeddings.baseURL;
    await embeddings.close();
    server = undefined;
    const embedder = openAICompatibleEmbedder({ baseURL, model: "test-embed", maxRetries: 1 }, FAST_BACKOFF);
    await expect(embedder.embed(["hello"])).rejects.toThrow(/failed after 2 attempts: network error \(ECONNREFUSED\)/);
  });

  it("does not retry a request the server rejects as invalid", async () => {
    const embeddings = await serve();
    embeddings.failNext(1, { status: 400 });
    await expect(embedderAgainst(embeddings).embed(["hello"])).rejects.toThrow(/test-embed\) failed: HTTP 400 Bad Request/);
    expect(embeddings.requests).toHaveLength(1);
  });

  it("fails at once when the server asks to wait longer than a request can be held", async () => {
    const embeddings = await serve();
    embeddings.failNext(1, { status: 429, retryAfterSeconds: 3600 });
    await expect(embedderAgainst(embeddings).embed(["hello"])).rejects.toThrow(/HTTP 429 .*asks to wait 3600 s/);
    expect(embeddings.requests).toHaveLength(1);
  });

  it("learns the vector length from the first answer when none is declared", async () => {
    const embeddings = await serve({ dimensions: 12 });
    const embedder = embedderAgainst(embeddings);

    expect(embedder.id).toBe("openai:test-embed");
    expect(() => embedder.dimensions).toThrow(/not known until it has embedded something/);
    await embedder.embed(["hello"]);
    expect(embedder.dimensions).toBe(12);
  });

  it("checks answers against declared dimensions", async () => {
    const embeddings = await serve({ dimensions: 12 });
    expect(embedderAgainst(embeddings, { dimensions: 12 }).dimensions).toBe(12);
    await expect(embedderAgainst(embeddings, { dimensions: 1536 }).embed(["hello"])).rejects.toThrow(
      /returned a 12-dimensional vector but the dimensions setting says 1536/,
    );
  });

  it("probes the server once at start-up when asked, so its dimensions are known", async () => {
    const embeddings = await serve({ dimensions: 6 });
    const embedder = await probedEmbedder({ provider: "openai-compatible", baseURL: embeddings.baseURL, model: "probe-me" });

    expect(embedder.dimensions).toBe(6);
    expect(embeddings.requests.map((r) => r.input)).toEqual([["dimension probe"]]);
  });

  it("speaks Azure OpenAI's dialect: the key in an api-key header and an api-version query", async () => {
    const embeddings = await serve();
    const deploymentURL = embeddings.baseURL.replace(/\/v1$/, "/openai/deployments/embed-small");
    await openAICompatibleEmbedder(
      { baseURL: deploymentURL, apiKey: API_KEY, apiKeyHeader: "api-key", query: { "api-version": "2024-10-21" }, model: "embed-small" },
      FAST_BACKOFF,
    ).embed(["hello"]);

    expect(embeddings.requests[0]).toMatchObject({
      path: "/openai/deployments/embed-small/embeddings",
      query: { "api-version": "2024-10-21" },
      apiKeyHeader: API_KEY,
      authorization: undefined,
    });
  });
});
