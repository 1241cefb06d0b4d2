import { deleteGroup, renameGroup } from "@/lib/auth/people/groups";
import { requireUser } from "@/lib/auth/session";
import { handleRoute, parseJsonBody } from "@/lib/http";
import { groupSchema } from "../schema";

const SURFACE = "groups";
type Context = { params: Promise<{ id: string }> };

export const PATCH = handleRoute(SURFACE, async (request: Request, context: Context) => {
  const admin = await requireUser(SURFACE, ["admin"]);
  const { name } = await parseJsonBody(request, groupSchema, SURFACE);
  return Response.json({ group: await renameGroup(admin, (await context.params).id, name) });
});

/** Refused (422) while documents name the group as a reader. */
export const DELETE = handleRoute(SURFACE, async (_request: Request, context: Context) => {
  const admin = await requireUser(SURFACE, ["admin"]);
  await deleteGroup(admin, (await context.params).id);
  return new Response(null, { status: 204 });
});
