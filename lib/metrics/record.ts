import "server-only";
import { metrics } from "@/lib/metrics/registry";

// What the capabilities call to be measured: in-memory counters, cheap, never throwing into the
// caller's work.

/** One API request answered (lib/http.ts). `route` is the pattern ("/api/documents/[id]"), never a path with ids. */
export function recordHttpRequest(route: string, method: string, status: number, seconds: number): void {
  const m = metrics();
  m.httpRequests.inc({ route, method, status: String(status) });
  m.httpSeconds.observe({ route, method }, seconds);
}

type RecordedTurn = {
  outcome: string;
  verdicts: readonly unknown[];
  /** milliseconds per stage, as the decision record keeps them */
  timings?: { retrieval: number; model: number } | null;
};

/** A chat turn that was recorded: its outcome, its guardrails' hits, and how long retrieval and the model took. */
export function recordChatTurn(turn: RecordedTurn): void {
  const m = metrics();
  m.chatTurns.inc({ outcome: turn.outcome });
  for (const verdict of turn.verdicts) {
    if (!isVerdict(verdict)) continue;
    m.guardrailHits.inc({ stage: verdict.stage, check: verdict.check, action: verdict.action, shadow: String(verdict.shadow) });
  }
  if (turn.timings?.retrieval) m.retrievalSeconds.observe(turn.timings.retrieval / 1000);
  if (turn.timings?.model) m.modelSeconds.observe(turn.timings.model / 1000);
}

function isVerdict(value: unknown): value is { stage: string; check: string; action: string; shadow: boolean } {
  const v = value as Record<string, unknown> | null;
  return typeof v?.stage === "string" && typeof v.check === "string" && typeof v.action === "string";
}

/** One ingest job's run in this process ended: "done", or "not_done" (failed, to be retried, cancelled or handed back). */
export function recordIngestJob(kind: string, outcome: "done" | "not_done", seconds: number): void {
  metrics().ingestJobSeconds.observe({ kind, outcome }, seconds);
}

/** The ingest queue as just counted: jobs by kind and status ("queued", "running"); a pair not given is 0. */
export function setIngestQueueDepth(counts: readonly { kind: string; status: string; jobs: number }[]): void {
  const gauge = metrics().ingestQueueJobs;
  gauge.reset();
  for (const kind of ["index", "reembed"]) for (const status of ["queued", "running"]) gauge.set({ kind, status }, 0);
  for (const { kind, status, jobs } of counts) gauge.set({ kind, status }, jobs);
}

/** Runs `work`, a write to the decision log, and records how long it took (also when it fails). */
export async function timedAuditWrite<T>(work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    metrics().auditWriteSeconds.observe((performance.now() - started) / 1000);
  }
}
