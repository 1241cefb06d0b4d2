import os from "node:os";

/** What the figures were measured on, written beside them: absolute timings mean nothing without it. */
export function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? "unknown",
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

/** p50/p95/mean of a list of durations in milliseconds. */
export function percentiles(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return { p50_ms: round(at(0.5)), p95_ms: round(at(0.95)), mean_ms: round(sorted.reduce((s, x) => s + x, 0) / (sorted.length || 1)), n: sorted.length };
}
