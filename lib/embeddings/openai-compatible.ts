import "server-only";
import { z } from "zod";
import { inBatches, mapConcurrently } from "@/lib/embeddings/batching";
import type { Embedder } from "@/lib/embeddings/embedder";
import { l2Normalised } from "@/lib/embeddings/normalise";
import { type Backoff, TransientError, withRetries } from "@/lib/embeddings/retry";
import { retryAfterMs } from "@/lib/embeddings/retry-after";
import type { OpenAICompatibleSettings } from "@/lib/embeddings/settings";
import { logger } from "@/lib/log";

// Why plain fetch rather than the AI SDK's embedMany: embedMany's retries start at a fixed 2 s with no
// jitter and cannot be tuned, it has no per-request timeout (only one abort signal for the whole call),
// and its errors carry the request URL. Embedding many chunks needs each request bounded in time and
// retried on its own, and errors that are safe to log. The wire format is one small, stable endpoint
// that OpenAI, Azure OpenAI, vLLM, Ollama and TEI all serve, so a direct client is the clearer choice.

const DEFAULT_BATCH_SIZE = 64;
const DEFAULT_CONCURRENCY = 3;
const DEFAULT_MAX_RETRIES = 4;
const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_BACKOFF: Backoff = { baseMs: 500, maxMs: 8_000 };
// A server that asks for a longer pause than this is out of quota rather than briefly busy: waiting
// would hold an upload for minutes, so fail at once and say how long it asked for.
const LONGEST_HONOURED_RETRY_AFTER_MS = 60_000;
const ERROR_BODY_EXCERPT_CHARS = 200;

const responseSchema = z.object({
  data: z.array(z.object({ index: z.number().int().nonnegative(), embedding: z.array(z.number()).min(1) })),
});

/**
 * An embedder for any server that speaks OpenAI's `POST /embeddings` (`{ model, input: string[] }` →
 * `{ data: [{ index, embedding }] }`). Texts are sent in batches of `batchSize`, at most `concurrency`
 * requests at a time, each retried with backoff on 408, 429, 5xx, network errors and timeouts.
 * Vectors come back in the order of the texts and L2-normalised.
 *
 * `dimensions` is the declared setting or, without one, what the first response showed: reading it
 * before anything was embedded throws (see `probedEmbedder` in provider.ts to learn it up front).
 */
export function openAICompatibleEmbedder(settings: OpenAICompatibleSettings, backoff: Backoff = DEFAULT_BACKOFF): Embedder {
  const endpoint = embeddingsURL(settings.baseURL, settings.query);
  const server = `${endpoint.host} (model ${settings.model})`;
  const batchSize = settings.batchSize ?? DEFAULT_BATCH_SIZE;
  const concurrency = settings.concurrency ?? DEFAULT_CONCURRENCY;
  const maxRetries = settings.maxRetries ?? DEFAULT_MAX_RETRIES;
  const timeoutMs = settings.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const headers = requestHeaders(settings);
  let dimensions = settings.dimensions;

  async function requestOnce(texts: string[]): Promise<number[][]> {
    let response: Response;
    let body: string;
    try {
      response = await fetch(endpoint, {
        method: "POST",
        headers,
        body: JSON.stringify({ model: settings.model, input: texts }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      body = await response.text();
    } catch (error) {
      throw new TransientError(isTimeout(error) ? `no response within ${timeoutMs} ms` : `network error (${networkReason(error)})`);
    }
    if (!response.ok) throw statusError(response, redacted(body, settings.apiKey));
    return vectorsFrom(body, texts.length);
  }

  function vectorsFrom(body: string, expected: number): number[][] {
    let parsed: z.infer<typeof responseSchema>;
    try {
      parsed = responseSchema.parse(JSON.parse(body));
    } catch {
      throw new Error(`unexpected response body (not an embeddings list): ${excerpt(redacted(body, settings.apiKey))}`);
    }
    if (parsed.data.length !== expected) throw new Error(`response has ${parsed.data.length} embeddings for ${expected} inputs`);
    // Servers may answer out of order; `index` says which input each vector belongs to.
    const vectors = new Array<number[]>(expected);
    for (const item of parsed.data) {
      if (item.index >= expected || vectors[item.index]) throw new Error(`response has a wrong or repeated index ${item.index}`);
      vectors[item.index] = checkedDimensions(l2Normalised(item.embedding));
    }
    return vectors;
  }

  function checkedDimensions(vector: number[]): number[] {
    dimensions ??= vector.length;
    if (vector.length !== dimensions) {
      const expected = settings.dimensions === undefined ? "earlier responses had" : "the dimensions setting says";
      throw new Error(`returned a ${vector.length}-dimensional vector but ${expected} ${dimensions}`);
    }
    return vector;
  }

  async function embedBatch(texts: string[]): Promise<number[][]> {
    try {
      return await withRetries(() => requestOnce(texts), {
        maxRetries,
        backoff,
        onRetry: ({ attempt, delayMs, error }) =>
          logger().warn(
            { host: endpoint.host, model: settings.model, attempt, delayMs: Math.round(delayMs), reason: error.message },
            "embedding request failed; retrying",
          ),
      });
    } catch (error) {
      const attempts = error instanceof TransientError ? ` after ${maxRetries + 1} attempts` : "";
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`Embedding request to ${server} failed${attempts}: ${reason}`);
    }
  }

  return {
    id: `openai:${settings.model}`,
    get dimensions() {
      if (dimensions === undefined) {
        throw new Error(`The vector length of ${server} is not known until it has embedded something: declare dimensions or probe it first`);
      }
      return dimensions;
    },
    async embed(texts) {
      const batches = await mapConcurrently(inBatches(texts, batchSize), concurrency, embedBatch);
      return batches.flat();
    },
  };
}

function embeddingsURL(baseURL: string, query: Record<string, string> | undefined): URL {
  const url = new URL(`${baseURL.replace(/\/+$/, "")}/embeddings`);
  for (const [name, value] of Object.entries(query ?? {})) url.searchParams.set(name, value);
  return url;
}

function requestHeaders(settings: OpenAICompatibleSettings): Record<string, string> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (settings.apiKey === undefined) return headers;
  if (settings.apiKeyHeader === "api-key") headers["api-key"] = settings.apiKey;
  else headers.authorization = `Bearer ${settings.apiKey}`;
  return headers;
}

function statusError(response: Response, body: string): Error {
  const reason = `HTTP ${response.status} ${response.statusText}`.trim() + (body ? `: ${excerpt(body)}` : "");
  if (response.status !== 408 && response.status !== 429 && response.status < 500) return new Error(reason);
  const waitMs = retryAfterMs(response.headers);
  if (waitMs !== undefined && waitMs > LONGEST_HONOURED_RETRY_AFTER_MS) {
    return new Error(`${reason} (the server asks to wait ${Math.ceil(waitMs / 1000)} s, longer than we hold a request)`);
  }
  return new TransientError(reason, waitMs);
}

// Some servers echo the credentials they rejected; the key must never reach a log or an error.
function redacted(text: string, apiKey: string | undefined): string {
  return apiKey ? text.replaceAll(apiKey, "[redacted]") : text;
}

function excerpt(text: string): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length > ERROR_BODY_EXCERPT_CHARS ? `${oneLine.slice(0, ERROR_BODY_EXCERPT_CHARS)}…` : oneLine;
}

function isTimeout(error: unknown): boolean {
  return error instanceof DOMException && error.name === "TimeoutError";
}

// undici reports "fetch failed" and puts the useful part (ECONNREFUSED, ECONNRESET, …) in the cause.
function networkReason(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause && typeof cause === "object" && "code" in cause && typeof cause.code === "string") return cause.code;
  return error instanceof Error ? error.message : String(error);
}
