import { requireUser } from "@/lib/auth/session";
import { LoreError } from "@/lib/errors";
import { activatePolicyVersion } from "@/lib/guardrails/policy-store";
import { handleRoute } from "@/lib/http";
import { versionParamSchema } from "./schema";

const SURFACE = "policies";

/** Makes a saved version active again (a rollback); the history of versions and activations is kept. */
export const POST = handleRoute(SURFACE, async (_request: Request, context: { params: Promise<{ version: string }> }) => {
  const admin = await requireUser(SURFACE, ["admin"]);
  const parsed = versionParamSchema.safeParse((await context.params).version);
  if (!parsed.success) throw new LoreError("bad_request", SURFACE, parsed.error.issues[0]?.message ?? "The version is not valid.");
  await activatePolicyVersion(admin, parsed.data);
  return Response.json({ version: parsed.data });
});
