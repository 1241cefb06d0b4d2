import "server-only";
import { z } from "zod";
import type { RerankSettings } from "@/lib/config";
import { logger } from "@/lib/log";

/**
 * What the rerank step did, for the decision record. `reranked`: the endpoint's order was used and
 * `belowMinimum` passages it scored under the minimum were dropped. `timeout`, `error` (a failed
 * request or an HTTP error status) and `invalid` (an answer not of the `/rerank` shape): the fused
 * order was kept. `skipped`: there was nothing to rerank.
 */
export type Reranking = {
  outcome: "reranked" | "skipped" | "timeout" | "error" | "invalid";
  model: string;
  candidates: number;
  belowMinimum: number;
  latencyMs: number;
};

/** A candidate's text as the endpoint reads it. */
export type RerankCandidate = { documentTitle: string; headingPath: string; content: string };

export type Reranked<T> = { kept: (T & { relevance?: number })[]; reranking: Reranking };

// The common `/rerank` answer (Cohere, Jina, vLLM, Infinity, and TEI-compatible proxies): one result
// per returned document, naming its index in the request and its relevance.
const answerSchema = z.object({
  results: z.array(z.object({ index: z.number().int().min(0), relevance_score: z.number().finite() })).min(1),
});

/**
 * Orders retrieval's candidates by a rerank endpoint and keeps the best `keep` scoring at least the
 * minimum. The candidates are the passages this user may read, nothing else: only their text is
 * sent, with the searched question. The endpoint failing never fails the search: the candidates then
 * keep the fused order (cut to `keep`, no minimum applied, as there are no scores), and the outcome
 * says so.
 */
export async function rerank<T extends RerankCandidate>(settings: RerankSettings, query: string, candidates: T[], keep: number): Promise<Reranked<T>> {
  const started = performance.now();
  const report = (outcome: Reranking["outcome"], belowMinimum = 0): Reranking => ({
    outcome,
    model: settings.model,
    candidates: candidates.length,
    belowMinimum,
    latencyMs: Math.round(performance.now() - started),
  });
  if (candidates.length === 0) return { kept: [], reranking: report("skipped") };
  const fallback = (outcome: "timeout" | "error" | "invalid", detail: object): Reranked<T> => {
    logger().warn({ reranker: settings.model, outcome, ...detail }, "reranking failed; the fused order is kept");
    return { kept: candidates.slice(0, keep), reranking: report(outcome) };
  };
  let answer: string;
  try {
    const response = await fetch(`${settings.baseURL.replace(/\/+$/, "")}/rerank`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(settings.apiKey ? { authorization: `Bearer ${settings.apiKey}` } : {}) },
      body: JSON.stringify({ model: settings.model, query, documents: candidates.map(documentText), top_n: candidates.length, return_documents: false }),
      signal: AbortSignal.timeout(settings.timeoutMs),
    });
    if (!response.ok) return fallback("error", { status: response.status });
    answer = await response.text();
  } catch (error) {
    // fetch rejects with the timeout signal's own TimeoutError when the time is up.
    const name = error instanceof Error ? error.name : "unknown";
    return fallback(name === "TimeoutError" ? "timeout" : "error", { cause: name });
  }
  const parsed = answerSchema.safeParse(parsedJson(answer));
  const results = parsed.success ? parsed.data.results : [];
  const indices = new Set(results.map((r) => r.index));
  if (!parsed.success || indices.size !== results.length || results.some((r) => r.index >= candidates.length)) return fallback("invalid", {});
  const ranked = [...results].sort((a, b) => b.relevance_score - a.relevance_score || a.index - b.index);
  const relevant = ranked.filter((r) => r.relevance_score >= settings.minScore);
  return {
    kept: relevant.slice(0, keep).map((r) => ({ ...candidates[r.index]!, relevance: r.relevance_score })),
    reranking: report("reranked", ranked.length - relevant.length),
  };
}

// The passage with where it sits, as a reader would see it: rerankers judge a passage better when
// they know its document and section.
function documentText(candidate: RerankCandidate): string {
  const where = candidate.headingPath.startsWith(candidate.documentTitle)
    ? candidate.headingPath
    : [candidate.documentTitle, candidate.headingPath].filter(Boolean).join(" › ");
  return where ? `${where}\n${candidate.content}` : candidate.content;
}

function parsedJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
