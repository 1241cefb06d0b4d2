import { createGroup, listGroups } from "@/lib/auth/people/groups";
import { requireUser } from "@/lib/auth/session";
import { handleRoute, parseJsonBody } from "@/lib/http";
import { groupSchema } from "./schema";

const SURFACE = "groups";

export const GET = handleRoute(SURFACE, async () => {
  const admin = await requireUser(SURFACE, ["admin"]);
  return Response.json({ groups: await listGroups(admin) });
});

export const POST = handleRoute(SURFACE, async (request: Request) => {
  const admin = await requireUser(SURFACE, ["admin"]);
  const { name } = await parseJsonBody(request, groupSchema, SURFACE);
  return Response.json({ group: await createGroup(admin, name) }, { status: 201 });
});
