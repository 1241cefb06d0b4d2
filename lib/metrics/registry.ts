import "server-only";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/**
 * The server's Prometheus metrics (GET /api/metrics). Each capability records what it measures with
 * the small functions of lib/metrics/record.ts; nothing here reaches into the capabilities. One registry per process,
 * on globalThis, because route handlers, instrumentation and workers are bundled apart.
 */
type Metrics = ReturnType<typeof createMetrics>;

const holder = globalThis as unknown as { __loreMetrics?: Metrics };

// Latency buckets from 5 ms (a health check) to 2 minutes (a long answer).
const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "lore_" });
  const registers = [registry];
  return {
    registry,
    httpRequests: new Counter({
      name: "lore_http_requests_total",
      help: "API requests answered, by route pattern, method and status.",
      labelNames: ["route", "method", "status"],
      registers,
    }),
    httpSeconds: new Histogram({
      name: "lore_http_request_duration_seconds",
      help: "Time until an API request's response (headers; a streamed answer goes on after).",
      labelNames: ["route", "method"],
      buckets: SECONDS,
      registers,
    }),
    chatTurns: new Counter({ name: "lore_chat_turns_total", help: "Chat turns recorded, by outcome.", labelNames: ["outcome"], registers }),
    retrievalSeconds: new Histogram({
      name: "lore_retrieval_duration_seconds",
      help: "Time to retrieve the passages of a question.",
      buckets: SECONDS,
      registers,
    }),
    modelSeconds: new Histogram({
      name: "lore_model_duration_seconds",
      help: "Time to produce an answer, to its last token (the language model, or the extractive answer without one).",
      buckets: SECONDS,
      registers,
    }),
    guardrailHits: new Counter({
      name: "lore_guardrail_hits_total",
      help: "Guardrail verdicts in recorded turns, by stage, check and action (shadow: on trial).",
      labelNames: ["stage", "check", "action", "shadow"],
      registers,
    }),
    ingestQueueJobs: new Gauge({
      name: "lore_ingest_queue_jobs",
      help: "Ingest jobs waiting or running, in every workspace, when metrics were last read.",
      labelNames: ["kind", "status"],
      registers,
    }),
    ingestJobSeconds: new Histogram({
      name: "lore_ingest_job_duration_seconds",
      help: "Time an ingest job ran in this process, by kind and how it ended (done, or not: failed, retried, cancelled or handed back).",
      labelNames: ["kind", "outcome"],
      buckets: [...SECONDS, 300, 900],
      registers,
    }),
    auditWriteSeconds: new Histogram({
      name: "lore_audit_write_duration_seconds",
      help: "Time to write a chat turn's record: its answer, decision record and token usage, in one transaction.",
      buckets: SECONDS,
      registers,
    }),
  };
}

export function metrics(): Metrics {
  holder.__loreMetrics ??= createMetrics();
  return holder.__loreMetrics;
}
