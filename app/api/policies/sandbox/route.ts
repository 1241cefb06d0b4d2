import { runSandbox } from "@/lib/guardrails/sandbox";
import { jsonBody, route } from "@/lib/http";
import { SANDBOX_BODY_LIMIT, sandboxSchema } from "./schema";

/** Tries a policy draft on a pasted text; nothing is stored. */
export const POST = route({ surface: "policies", roles: ["admin"], cost: "expensive", body: jsonBody(sandboxSchema, SANDBOX_BODY_LIMIT) }, async ({ body }) => {
  const { rules, ...input } = body;
  return Response.json(await runSandbox(rules, input));
});
