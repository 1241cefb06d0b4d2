import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** What the server did with one request, in arrival order. */
export type RecordedRequest = {
  path: string;
  query: Record<string, string>;
  authorization: string | undefined;
  apiKeyHeader: string | undefined;
  model: string;
  input: string[];
};

/** How the next requests fail before the server answers normally again. */
export type Failure = { status: 429; retryAfterSeconds?: number } | { status: 500 | 400 } | { hang: true };

export type EmbeddingsServerOptions = {
  /** Length of the vectors the server returns (default 8). */
  dimensions?: number;
  /** How long a successful answer takes, so that concurrent requests overlap or finish out of order (default 0). */
  delayMs?: number | ((input: string[]) => number);
  /** Text the server puts in every error body, e.g. to check that a client keeps it out of its errors. */
  errorBodyEcho?: string;
};

export type EmbeddingsServer = {
  /** e.g. http://127.0.0.1:41234/v1 */
  baseURL: string;
  requests: RecordedRequest[];
  /** The most requests that were ever being handled at the same time. */
  maxInFlight(): number;
  /** The next `count` requests fail this way. */
  failNext(count: number, failure: Failure): void;
  /** The vector the server returns for a text, before any client-side normalisation. */
  vectorFor(text: string): number[];
  close(): Promise<void>;
};

/**
 * A real OpenAI-compatible `POST /v1/embeddings` server on 127.0.0.1 and a random port. Its vectors
 * are deterministic per text, deliberately not of unit length, and listed in reverse order (with
 * their `index`), so a client must normalise and reorder them itself.
 */
export async function startEmbeddingsServer(options: EmbeddingsServerOptions = {}): Promise<EmbeddingsServer> {
  const dimensions = options.dimensions ?? 8;
  const requests: RecordedRequest[] = [];
  const failures: Failure[] = [];
  let inFlight = 0;
  let maxInFlight = 0;

  const vectorFor = (text: string): number[] => Array.from({ length: dimensions }, (_, i) => ((hash(`${i}:${text}`) % 2001) - 1000) / 100);

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const body = JSON.parse(await readBody(request)) as { model: string; input: string[] };
    requests.push({
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      authorization: request.headers.authorization,
      apiKeyHeader: header(request, "api-key"),
      model: body.model,
      input: body.input,
    });
    const failure = failures.shift();
    if (failure && "hang" in failure) return; // never answers; the client must time out
    if (failure) {
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (failure.status === 429 && failure.retryAfterSeconds !== undefined) headers["retry-after"] = String(failure.retryAfterSeconds);
      response.writeHead(failure.status, headers).end(JSON.stringify({ error: { message: `failure ${failure.status} ${options.errorBodyEcho ?? ""}` } }));
      return;
    }
    const delayMs = typeof options.delayMs === "function" ? options.delayMs(body.input) : (options.delayMs ?? 0);
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    const data = body.input.map((text, index) => ({ object: "embedding", index, embedding: vectorFor(text) })).reverse();
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ object: "list", data, model: body.model }));
  };

  const server = createServer((request, response) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    // "close" fires once the answer is sent or the client gave up, so a hung request counts until then.
    response.on("close", () => inFlight--);
    handle(request, response).catch((error: unknown) => response.writeHead(500).end(String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    maxInFlight: () => maxInFlight,
    failNext: (count, failure) => failures.push(...Array.from({ length: count }, () => failure)),
    vectorFor,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    request.on("data", (part: Buffer) => parts.push(part));
    request.on("end", () => resolve(Buffer.concat(parts).toString("utf8")));
    request.on("error", reject);
  });
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}

function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
