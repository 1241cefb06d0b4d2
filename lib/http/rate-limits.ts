import "server-only";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { config } from "@/lib/config";
import { LoreError } from "@/lib/errors";

/**
 * What a request costs the server before any policy is consulted. "expensive" (a chat turn, a
 * sandbox run, an upload, a re-index) counts against the person's per-minute allowance of such
 * requests; an "upload" also holds one of the person's few upload slots while it is read and
 * stored, since each may hold up to MAX_UPLOAD_BYTES in memory. Both are counted in this process:
 * they protect this server from one person, whatever the workspace's policy allows. (Per-person and
 * per-workspace quotas that hold across servers are the policy's, enforced in Postgres.)
 */
export type RequestCost = "expensive" | "upload";

type Limits = { perMinute: RateLimiterMemory; uploadsInFlight: Map<string, number> };

// Route handlers are bundled apart: one set of counters per process lives on globalThis.
const holder = globalThis as unknown as { __loreRequestLimits?: Limits };

function limits(): Limits {
  holder.__loreRequestLimits ??= {
    perMinute: new RateLimiterMemory({ points: config().requestLimits.expensivePerMinute, duration: 60 }),
    uploadsInFlight: new Map(),
  };
  return holder.__loreRequestLimits;
}

/**
 * Admits one request of `cost` by `userId` to `route`, or refuses it with 429 and Retry-After.
 * Returns the function that gives its slot back when the request is done.
 */
export async function admitCost(cost: RequestCost, userId: string, route: string, surface: string): Promise<() => void> {
  const { perMinute, uploadsInFlight } = limits();
  try {
    await perMinute.consume(`${route}:${userId}`);
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    throw new LoreError("rate_limited", surface, `Too many requests in a minute: try again in ${seconds} seconds.`, { "retry-after": String(seconds) });
  }
  if (cost !== "upload") return () => undefined;
  const inFlight = uploadsInFlight.get(userId) ?? 0;
  if (inFlight >= config().requestLimits.uploadsAtOnce) {
    throw new LoreError("rate_limited", surface, `At most ${config().requestLimits.uploadsAtOnce} uploads at a time: try again when one is done.`, {
      "retry-after": "1",
    });
  }
  uploadsInFlight.set(userId, inFlight + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (uploadsInFlight.get(userId) ?? 1) - 1;
    if (left > 0) uploadsInFlight.set(userId, left);
    else uploadsInFlight.delete(userId);
  };
}
