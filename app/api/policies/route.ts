import { requireUser } from "@/lib/auth/session";
import { activePolicyOf, listPolicyVersions, savePolicyVersion } from "@/lib/guardrails/policy-store";
import { handleRoute, parseJsonBody } from "@/lib/http";
import { savePolicySchema } from "./schema";

const SURFACE = "policies";

/** The active policy and every saved version, newest first. */
export const GET = handleRoute(SURFACE, async () => {
  const admin = await requireUser(SURFACE, ["admin"]);
  const [active, versions] = [await activePolicyOf(admin.tenantId), await listPolicyVersions(admin)];
  return Response.json({ active, versions });
});

/** Saves the rules as a new version and makes it active; an invalid policy is a 400 naming the field. */
export const POST = handleRoute(SURFACE, async (request: Request) => {
  const admin = await requireUser(SURFACE, ["admin"]);
  const { rules, reason } = await parseJsonBody(request, savePolicySchema, SURFACE);
  const version = await savePolicyVersion(admin, rules, reason);
  return Response.json({ version }, { status: 201 });
});
