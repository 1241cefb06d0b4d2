import { policyHitCounts } from "@/lib/guardrails/policy-stats";
import { route } from "@/lib/http";

/** How often each check found something in the last 7 and 30 days, applied and in shadow mode. */
export const GET = route({ surface: "policies", roles: ["admin"] }, async ({ user }) => Response.json({ checks: await policyHitCounts(user) }));
