/**
 * Polls a server's /api/health while something hostile runs, so a test can assert that the server
 * stayed responsive for everyone else: every probe answered 200, and how long the slowest took.
 * Probes run one after another (never piling up), each with its own deadline.
 */
export type HealthReport = { probes: number; failures: number; p95Ms: number; maxMs: number };

export function watchHealth(baseURL: string, options: { intervalMs?: number; deadlineMs?: number } = {}) {
  const intervalMs = options.intervalMs ?? 100;
  const deadlineMs = options.deadlineMs ?? 5_000;
  const latencies: number[] = [];
  let failures = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      try {
        const response = await fetch(`${baseURL}/api/health`, { signal: AbortSignal.timeout(deadlineMs) });
        if (response.status !== 200) failures++;
        await response.body?.cancel();
      } catch {
        failures++;
      }
      latencies.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  })();
  return {
    async stop(): Promise<HealthReport> {
      running = false;
      await loop;
      const sorted = [...latencies].sort((a, b) => a - b);
      const p95 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] ?? 0;
      return { probes: sorted.length, failures, p95Ms: Math.round(p95), maxMs: Math.round(sorted.at(-1) ?? 0) };
    },
  };
}
