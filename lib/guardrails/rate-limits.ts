import "server-only";
import type { AuthenticatedUser } from "@/lib/auth/user";
import type { TenantTx } from "@/lib/db/tenant";
import { LoreError } from "@/lib/errors";
import type { PolicyRules } from "@/lib/guardrails/policy";

type Limits = PolicyRules["limits"];

/**
 * Admits a chat turn, inside the transaction that begins it: counts it against the per-minute limits
 * of the user and of the tenant, and reserves `estimatedTokens` from both daily token budgets. Each
 * counter is one atomic upsert, so the limits hold across every app instance and under any number of
 * concurrent turns: a budget admits a turn only while what is used and reserved is below the limit,
 * so concurrent turns overshoot it by at most one turn's estimate (and by nothing once settled, when
 * the estimate is an upper bound). A refused turn's transaction rolls back: it uses up no quota.
 * Over a limit: 429 with Retry-After and a message that says which limit.
 */
export async function admitTurn(tx: TenantTx, user: AuthenticatedUser, limits: Limits, estimatedTokens: number, now: Date): Promise<void> {
  const minute = windowStart(now, "minute");
  const day = windowStart(now, "day");
  const retryNextMinute = secondsUntil(now, minute, 60);
  const retryTomorrow = secondsUntil(now, day, 86_400);
  // Expired windows are of no further use; removing them here keeps the table at a few rows per person.
  await tx.$executeRaw`
    DELETE FROM rate_counters
    WHERE tenant_id = ${user.tenantId}::uuid AND subject IN (${`user:${user.id}`}, 'tenant')
      AND ((metric = 'requests' AND window_start < ${minute}) OR (metric = 'tokens' AND window_start < ${day}::timestamptz - interval '7 days'))`;
  const refuse = (message: string, retryAfter: number) =>
    new LoreError("rate_limited", "chat", `${message}. Please try again in ${describeWait(retryAfter)}.`, { "Retry-After": String(retryAfter) });
  const requests: [string, number | null, string][] = [
    [`user:${user.id}`, limits.userRequestsPerMinute, "You are sending questions faster than your workspace allows"],
    ["tenant", limits.tenantRequestsPerMinute, "Your workspace is receiving more questions than it allows right now"],
  ];
  for (const [subject, limit, message] of requests) {
    const count = await addTo(tx, user.tenantId, subject, "requests", minute, 1, null);
    if (limit !== null && count !== null && count > limit) throw refuse(message, retryNextMinute);
  }
  const budgets: [string, number | null, string][] = [
    [`user:${user.id}`, limits.userTokensPerDay, "You have used your daily allowance of answers from the language model"],
    ["tenant", limits.tenantTokensPerDay, "Your workspace has used its daily allowance of answers from the language model"],
  ];
  for (const [subject, limit, message] of budgets) {
    if ((await addTo(tx, user.tenantId, subject, "tokens", day, estimatedTokens, limit)) === null) throw refuse(message, retryTomorrow);
  }
}

/**
 * Adds tokens to the day's budgets of the user and the tenant, with no limit check: for a turn already
 * admitted, to reserve the rest of its estimate once its history is known (in the transaction that
 * admitted it) and, at the end, to replace the reservation with what was used (a negative change). It
 * counts on the day the turn was admitted, where its reservation was taken.
 */
export async function addTokens(tx: TenantTx, user: { tenantId: string; id: string }, admittedAt: Date, change: number): Promise<void> {
  if (change === 0) return;
  const day = windowStart(admittedAt, "day");
  await addTo(tx, user.tenantId, `user:${user.id}`, "tokens", day, change, null);
  await addTo(tx, user.tenantId, "tenant", "tokens", day, change, null);
}

/**
 * Adds `by` to a counter in one statement and returns the new count. With a limit, the addition only
 * happens while the count is below it (the row lock of the upsert makes that check and the addition
 * one step for concurrent callers); null means it did not, so the caller refuses.
 */
async function addTo(tx: TenantTx, tenantId: string, subject: string, metric: string, window: Date, by: number, limit: number | null): Promise<number | null> {
  if (by === 0) {
    // Nothing to add (a turn without a model reserves no tokens): only whether the budget is spent.
    const row = await tx.rateCounter.findUnique({
      where: { tenantId_subject_metric_windowStart: { tenantId, subject, metric, windowStart: window } },
      select: { count: true },
    });
    const count = row?.count ?? 0;
    return limit !== null && count >= limit ? null : count;
  }
  const rows = await tx.$queryRaw<{ count: number }[]>`
    INSERT INTO rate_counters (tenant_id, subject, metric, window_start, count)
    VALUES (${tenantId}::uuid, ${subject}, ${metric}, ${window}, ${by})
    ON CONFLICT (tenant_id, subject, metric, window_start) DO UPDATE SET count = rate_counters.count + ${by}
    WHERE ${limit}::int IS NULL OR rate_counters.count < ${limit}::int
    RETURNING count`;
  return rows[0]?.count ?? null;
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
