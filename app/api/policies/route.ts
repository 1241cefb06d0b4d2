import { storableText } from "@/lib/audit/personal-data";
import { activePolicyOf, listPolicyVersions, savePolicyVersion } from "@/lib/guardrails/policy-store";
import { jsonBody, route } from "@/lib/http";
import { SAVE_POLICY_LIMIT, savePolicySchema } from "./schema";

const SURFACE = "policies";

/** The active policy and every saved version, newest first. */
export const GET = route({ surface: SURFACE, roles: ["admin"] }, async ({ user }) => {
  const [active, versions] = [await activePolicyOf(user.tenantId), await listPolicyVersions(user)];
  return Response.json({ active, versions });
});

/** Saves the rules as a new version and makes it active; an invalid policy is a 400 naming the field. */
export const POST = route({ surface: SURFACE, roles: ["admin"], body: jsonBody(savePolicySchema, SAVE_POLICY_LIMIT) }, async ({ user, body }) => {
  // The reason is kept with the version and shown to every admin: personal data in it is redacted like any stored text.
  const version = await savePolicyVersion(user, body.rules, storableText(body.reason));
  return Response.json({ version }, { status: 201 });
});
