import { requireUser } from "@/lib/auth/session";
import { policyHitCounts } from "@/lib/guardrails/policy-stats";
import { handleRoute } from "@/lib/http";

const SURFACE = "policies";

/** How often each check found something in the last 7 and 30 days, applied and in shadow mode. */
export const GET = handleRoute(SURFACE, async () => {
  const admin = await requireUser(SURFACE, ["admin"]);
  return Response.json({ checks: await policyHitCounts(admin) });
});
