import "server-only";
import type { AuthenticatedUser } from "@/lib/auth/user";
import { withTenant } from "@/lib/db/tenant";
import type { GuardStage } from "@/lib/guardrails/verdicts";

/**
 * How a check's hits ended: applied (the action changed what the user got), shadow (a rule on trial
 * recorded what it would have done) or allowed (the action is "allow": recorded only).
 */
export type HitCounts = { applied: number; shadow: number; allowed: number };

export type CheckHits = { stage: GuardStage; check: string; last7Days: HitCounts; last30Days: HitCounts };

type Row = {
  stage: GuardStage;
  check: string;
  applied7: number;
  shadow7: number;
  allowed7: number;
  applied30: number;
  shadow30: number;
  allowed30: number;
};

/**
 * How often each check found something in the tenant's chat turns over the last 7 and 30 days, read
 * from the verdicts of the decision records. A hit is one turn in which the check left a verdict (a
 * turn with three poisoned passages is one document_injection hit), so counts compare across checks.
 */
export async function policyHitCounts(admin: AuthenticatedUser, now = new Date()): Promise<CheckHits[]> {
  const rows = await withTenant(
    admin.tenantId,
    (tx) => tx.$queryRaw<Row[]>`
    WITH hits AS (
      SELECT r.id,
             r.created_at > ${now}::timestamptz - interval '7 days' AS recent,
             v->>'stage' AS stage,
             v->>'check' AS "check",
             CASE WHEN v->>'applied' = 'true' THEN 'applied' WHEN v->>'shadow' = 'true' THEN 'shadow' ELSE 'allowed' END AS mode
      FROM decision_records r
      -- Records written before verdicts had their present shape hold something else: they are skipped, not an error.
      CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(r.verdicts) = 'array' THEN r.verdicts ELSE '[]'::jsonb END) AS v
      WHERE r.tenant_id = ${admin.tenantId}::uuid
        AND r.created_at > ${now}::timestamptz - interval '30 days'
        AND r.created_at <= ${now}::timestamptz
        AND jsonb_typeof(v) = 'object' AND v->>'stage' IS NOT NULL AND v->>'check' IS NOT NULL
    )
    SELECT stage, "check",
           count(DISTINCT id) FILTER (WHERE recent AND mode = 'applied')::int AS applied7,
           count(DISTINCT id) FILTER (WHERE recent AND mode = 'shadow')::int AS shadow7,
           count(DISTINCT id) FILTER (WHERE recent AND mode = 'allowed')::int AS allowed7,
           count(DISTINCT id) FILTER (WHERE mode = 'applied')::int AS applied30,
           count(DISTINCT id) FILTER (WHERE mode = 'shadow')::int AS shadow30,
           count(DISTINCT id) FILTER (WHERE mode = 'allowed')::int AS allowed30
    FROM hits
    GROUP BY stage, "check"
    ORDER BY stage, "check"`,
  );
  return rows.map((row) => ({
    stage: row.stage,
    check: row.check,
    last7Days: { applied: row.applied7, shadow: row.shadow7, allowed: row.allowed7 },
    last30Days: { applied: row.applied30, shadow: row.shadow30, allowed: row.allowed30 },
  }));
}
