import { changeMembers, memberChangesSchema } from "@/lib/auth/people/groups";
import { requireUser } from "@/lib/auth/session";
import { handleRoute, parseJsonBody } from "@/lib/http";

const SURFACE = "groups";

/** Adds and removes members in bulk: { add: [userId…], remove: [userId…] }. */
export const POST = handleRoute(SURFACE, async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const admin = await requireUser(SURFACE, ["admin"]);
  const body = await parseJsonBody(request, memberChangesSchema, SURFACE);
  return Response.json(await changeMembers(admin, (await context.params).id, body));
});
