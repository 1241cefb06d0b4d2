import { createServer } from "node:http";
import { text } from "node:stream/consumers";
import { listenOnLoopback } from "@/tests/support/loopback-server";

/** How the server answers: scores, or one of the ways a real endpoint fails. */
export type RerankBehaviour = "answer" | "hang" | "http-500" | "wrong-index";

export type RerankRequest = { model: string; query: string; documents: string[]; top_n?: number; authorization: string | undefined };

export type RerankServer = {
  /** e.g. http://127.0.0.1:41234/v1 — the endpoint is `<baseURL>/rerank` */
  baseURL: string;
  /** every request, in order, as received */
  requests: RerankRequest[];
  behaviour: RerankBehaviour;
  /** the relevance the "model" gives a document for a query */
  score: (query: string, document: string) => number;
  close(): Promise<void>;
};

/**
 * A real HTTP server on 127.0.0.1 speaking the common `POST /rerank` shape (Cohere, Jina, vLLM):
 * {model, query, documents, top_n} in, {results: [{index, relevance_score}]} out, best first and at
 * most top_n of them.
 */
export async function startRerankServer(): Promise<RerankServer> {
  const state: Omit<RerankServer, "baseURL" | "close"> = { requests: [], behaviour: "answer", score: () => 0.5 };
  const server = createServer(async (request, response) => {
    const body = JSON.parse(await text(request)) as Omit<RerankRequest, "authorization">;
    state.requests.push({ ...body, authorization: request.headers.authorization });
    if (request.url !== "/v1/rerank") {
      response.writeHead(404).end();
      return;
    }
    if (state.behaviour === "hang") return; // never answers; the client's timeout must end the wait
    if (state.behaviour === "http-500") {
      response.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ error: "reranker exploded" }));
      return;
    }
    const results = body.documents
      .map((document, index) => ({
        index: state.behaviour === "wrong-index" ? index + body.documents.length : index,
        relevance_score: state.score(body.query, document),
      }))
      .sort((a, b) => b.relevance_score - a.relevance_score)
      .slice(0, body.top_n ?? body.documents.length);
    response
      .writeHead(200, { "content-type": "application/json" })
      .end(JSON.stringify({ id: "rerank-1", results, meta: { billed_units: { search_units: 1 } } }));
  });
  return Object.assign(state, await listenOnLoopback(server));
}
