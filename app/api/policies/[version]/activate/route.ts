import { activatePolicyVersion } from "@/lib/guardrails/policy-store";
import { route } from "@/lib/http";
import { versionParamSchema } from "./schema";

/** Makes a saved version active again (a rollback); the history of versions and activations is kept. */
export const POST = route(
  { surface: "policies", roles: ["admin"], params: { version: versionParamSchema }, notFound: "There is no such policy version." },
  async ({ user, params }) => {
    await activatePolicyVersion(user, params.version);
    return Response.json({ version: params.version });
  },
);
