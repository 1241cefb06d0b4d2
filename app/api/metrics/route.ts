import { createHash, timingSafeEqual } from "node:crypto";
import { config } from "@/lib/config";
import { LoreError } from "@/lib/errors";
import { route } from "@/lib/http";
import { countOutstandingJobs } from "@/lib/ingest/jobs/queue";
import { setIngestQueueDepth } from "@/lib/metrics/record";
import { metrics } from "@/lib/metrics/registry";

export const dynamic = "force-dynamic";

const SURFACE = "metrics";

/**
 * Prometheus metrics, for a scraper holding METRICS_TOKEN (`Authorization: Bearer <token>`). Off
 * (404) when no token is configured: the figures say how the service is used, which is not public.
 */
export const GET = route({ surface: SURFACE, public: true }, async ({ request }) => {
  const token = config().metricsToken;
  if (!token) throw new LoreError("not_found", SURFACE, "Metrics are off: set METRICS_TOKEN to turn them on.");
  if (!sameSecret(/^Bearer (.+)$/.exec(request.headers.get("authorization") ?? "")?.[1] ?? "", token)) {
    throw new LoreError("unauthorized", SURFACE, "Send the metrics token as Authorization: Bearer <token>.", { "www-authenticate": 'Bearer realm="metrics"' });
  }
  // The queue lives in the database, shared by every instance: counted when read, not kept in step.
  setIngestQueueDepth(await countOutstandingJobs());
  const { registry } = metrics();
  return new Response(await registry.metrics(), { headers: { "content-type": registry.contentType, "cache-control": "no-store" } });
});

// Compared in constant time, as digests so that the lengths do not leak either.
function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHash("sha256").update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
