import { requireUser } from "@/lib/auth/session";
import { runSandbox } from "@/lib/guardrails/sandbox";
import { handleRoute, parseJsonBody } from "@/lib/http";
import { sandboxSchema } from "./schema";

const SURFACE = "policies";

/** Tries a policy draft on a pasted text; nothing is stored. */
export const POST = handleRoute(SURFACE, async (request: Request) => {
  await requireUser(SURFACE, ["admin"]);
  const { rules, ...input } = await parseJsonBody(request, sandboxSchema, SURFACE);
  return Response.json(await runSandbox(rules, input));
});
