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
  const subject = `user:${user.id}`;
  // One statement (a turn's first transaction waits on each): expired windows removed (they keep the
  // table at a few rows per person), the turn counted, the estimate reserved where the budget allows
  // (`budget`: an addition happens only while the count is below it), and what each counter holds now.
  // A counter not added to (no tokens to reserve) is read as it was.
  const counters = await tx.$queryRaw<{ subject: string; metric: string; count: number | null }[]>`
    WITH expired AS (
      DELETE FROM rate_counters
      WHERE tenant_id = ${user.tenantId}::uuid AND subject IN (${subject}, 'tenant')
        AND ((metric = 'requests' AND window_start < ${minute}) OR (metric = 'tokens' AND window_start < ${day}::timestamptz - interval '7 days'))
    ),
    wanted (subject, metric, window_start, amount, budget) AS (
      VALUES (${subject}, 'requests', ${minute}::timestamptz, 1, NULL::int),
             ('tenant', 'requests', ${minute}::timestamptz, 1, NULL::int),
             (${subject}, 'tokens', ${day}::timestamptz, ${estimatedTokens}::int, ${limits.userTokensPerDay}::int),
             ('tenant', 'tokens', ${day}::timestamptz, ${estimatedTokens}::int, ${limits.tenantTokensPerDay}::int)
    ),
    added AS (
      INSERT INTO rate_counters AS c (tenant_id, subject, metric, window_start, count)
      SELECT ${user.tenantId}::uuid, subject, metric, window_start, amount FROM wanted WHERE amount <> 0
      ON CONFLICT (tenant_id, subject, metric, window_start) DO UPDATE SET count = c.count + EXCLUDED.count
      WHERE c.count < coalesce((SELECT w.budget FROM wanted w WHERE w.subject = c.subject AND w.metric = c.metric), 2147483647)
      RETURNING c.subject, c.metric, c.count
    )
    SELECT w.subject, w.metric,
           CASE WHEN w.amount = 0
                THEN coalesce((SELECT r.count FROM rate_counters r
                               WHERE r.tenant_id = ${user.tenantId}::uuid AND r.subject = w.subject AND r.metric = w.metric AND r.window_start = w.window_start), 0)
                ELSE a.count END AS count
    FROM wanted w LEFT JOIN added a ON a.subject = w.subject AND a.metric = w.metric`;
  const count = (who: string, metric: string) => counters.find((c) => c.subject === who && c.metric === metric)?.count ?? null;
  const refuse = (message: string, retryAfter: number) =>
    new LoreError("rate_limited", "chat", `${message}. Please try again in ${describeWait(retryAfter)}.`, { "Retry-After": String(retryAfter) });
  const requests: [string, number | null, string][] = [
    [subject, limits.userRequestsPerMinute, "You are sending questions faster than your workspace allows"],
    ["tenant", limits.tenantRequestsPerMinute, "Your workspace is receiving more questions than it allows right now"],
  ];
  for (const [who, limit, message] of requests) {
    const counted = count(who, "requests");
    if (limit !== null && counted !== null && counted > limit) throw refuse(message, secondsUntil(now, minute, 60));
  }
  const budgets: [string, number | null, string][] = [
    [subject, limits.userTokensPerDay, "You have used your daily allowance of answers from the language model"],
    ["tenant", limits.tenantTokensPerDay, "Your workspace has used its daily allowance of answers from the language model"],
  ];
  for (const [who, limit, message] of budgets) {
    const counted = count(who, "tokens");
    // Null: the budget held no room for the estimate; with nothing to reserve, whether it is spent.
    const spent = estimatedTokens === 0 ? limit !== null && counted !== null && counted >= limit : counted === null;
    if (spent) throw refuse(message, secondsUntil(now, day, 86_400));
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
  await addTo(tx, user.tenantId, `user:${user.id}`, "tokens", day, change);
  await addTo(tx, user.tenantId, "tenant", "tokens", day, change);
}

/** Adds `by` to a counter in one statement. */
async function addTo(tx: TenantTx, tenantId: string, subject: string, metric: string, window: Date, by: number): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO rate_counters (tenant_id, subject, metric, window_start, count)
    VALUES (${tenantId}::uuid, ${subject}, ${metric}, ${window}, ${by})
    ON CONFLICT (tenant_id, subject, metric, window_start) DO UPDATE SET count = rate_counters.count + ${by}`;
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
