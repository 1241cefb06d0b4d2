import "server-only";
import type { AuthenticatedUser } from "@/lib/auth/user";
import { withTenant, type TenantTx } from "@/lib/db/tenant";
import { LoreError } from "@/lib/errors";
import type { PolicyRules } from "@/lib/guardrails/policy";

type Limits = PolicyRules["limits"];

/**
 * Counts this request against the per-minute limits of the user and of the tenant, and checks that
 * neither has spent its daily token budget. Counters are rows in Postgres updated with one atomic
 * upsert each, so the limits hold across every app instance. A refused request is rolled back: it
 * does not use up quota. Over a limit: 429 with Retry-After and a message that says which limit.
 */
export async function admitRequest(user: AuthenticatedUser, limits: Limits, now = new Date()): Promise<void> {
  await withTenant(user.tenantId, async (tx) => {
    const minute = windowStart(now, "minute");
    const day = windowStart(now, "day");
    const retryNextMinute = secondsUntil(now, minute, 60);
    const retryTomorrow = secondsUntil(now, day, 86_400);
    // Expired windows are of no further use; removing them here keeps the table at a few rows per person.
    await tx.$executeRaw`
      DELETE FROM rate_counters
      WHERE tenant_id = ${user.tenantId}::uuid AND subject IN (${`user:${user.id}`}, 'tenant')
        AND ((metric = 'requests' AND window_start < ${minute}) OR (metric = 'tokens' AND window_start < ${day}::timestamptz - interval '7 days'))`;
    const checks: [string, string, number | null, string, number, () => Promise<number>][] = [
      ["user", "requests", limits.userRequestsPerMinute, "You are sending questions faster than your workspace allows", retryNextMinute, () => increment(tx, user, `user:${user.id}`, "requests", minute)],
      ["tenant", "requests", limits.tenantRequestsPerMinute, "Your workspace is receiving more questions than it allows right now", retryNextMinute, () => increment(tx, user, "tenant", "requests", minute)],
      ["user", "tokens", limits.userTokensPerDay, "You have used your daily allowance of answers from the language model", retryTomorrow, () => current(tx, user, `user:${user.id}`, "tokens", day)],
      ["tenant", "tokens", limits.tenantTokensPerDay, "Your workspace has used its daily allowance of answers from the language model", retryTomorrow, () => current(tx, user, "tenant", "tokens", day)],
    ];
    for (const [, metric, limit, message, retryAfter, count] of checks) {
      if (limit === null) continue;
      const used = await count();
      const over = metric === "requests" ? used > limit : used >= limit;
      if (over) {
        throw new LoreError("rate_limited", "chat", `${message}. Please try again in ${describeWait(retryAfter)}.`, { "Retry-After": String(retryAfter) });
      }
    }
  });
}

/** Adds a finished turn's model tokens to today's counters of the user and the tenant. */
export async function recordTokenUsage(user: AuthenticatedUser, tokens: number, now = new Date()): Promise<void> {
  if (tokens <= 0) return;
  const day = windowStart(now, "day");
  await withTenant(user.tenantId, async (tx) => {
    await increment(tx, user, `user:${user.id}`, "tokens", day, tokens);
    await increment(tx, user, "tenant", "tokens", day, tokens);
  });
}

async function increment(tx: TenantTx, user: AuthenticatedUser, subject: string, metric: string, window: Date, by = 1): Promise<number> {
  const rows = await tx.$queryRaw<{ count: number }[]>`
    INSERT INTO rate_counters (tenant_id, subject, metric, window_start, count)
    VALUES (${user.tenantId}::uuid, ${subject}, ${metric}, ${window}, ${by})
    ON CONFLICT (tenant_id, subject, metric, window_start) DO UPDATE SET count = rate_counters.count + ${by}
    RETURNING count`;
  return rows[0]?.count ?? by;
}

async function current(tx: TenantTx, user: AuthenticatedUser, subject: string, metric: string, window: Date): Promise<number> {
  const row = await tx.rateCounter.findUnique({
    where: { tenantId_subject_metric_windowStart: { tenantId: user.tenantId, subject, metric, windowStart: window } },
    select: { count: true },
  });
  return row?.count ?? 0;
}

function windowStart(now: Date, unit: "minute" | "day"): Date {
  const start = new Date(now);
  if (unit === "day") start.setUTCHours(0, 0, 0, 0);
  else start.setUTCSeconds(0, 0);
  return start;
}

function secondsUntil(now: Date, windowBegan: Date, windowSeconds: number): number {
  return Math.max(1, Math.ceil((windowBegan.getTime() + windowSeconds * 1000 - now.getTime()) / 1000));
}

function describeWait(seconds: number): string {
  if (seconds < 90) return `${seconds} seconds`;
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.ceil((seconds % 3600) / 60);
  return hours > 0 ? `${hours} h ${minutes} min` : `${minutes} minutes`;
}
