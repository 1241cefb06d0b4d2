import { personChangesSchema, updatePerson } from "@/lib/auth/people/people";
import { requireUser } from "@/lib/auth/session";
import { handleRoute, parseJsonBody } from "@/lib/http";

const SURFACE = "people";

/** Renames, changes the role of, deactivates (ending their sessions) or reactivates someone. */
export const PATCH = handleRoute(SURFACE, async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const admin = await requireUser(SURFACE, ["admin"]);
  const body = await parseJsonBody(request, personChangesSchema, SURFACE);
  return Response.json({ person: await updatePerson(admin, (await context.params).id, body) });
});
