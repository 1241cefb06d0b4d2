import { deleteGroup, renameGroup } from "@/lib/auth/people/groups";
import { jsonBody, route } from "@/lib/http";
import { GROUP_BODY_LIMIT, groupRoute, groupSchema } from "../schema";

export const PATCH = route({ ...groupRoute, body: jsonBody(groupSchema, GROUP_BODY_LIMIT) }, async ({ user, params, body }) =>
  Response.json({ group: await renameGroup(user, params.id, body.name) }),
);

/** Refused (422) while documents name the group as a reader. */
export const DELETE = route(groupRoute, async ({ user, params }) => {
  await deleteGroup(user, params.id);
  return new Response(null, { status: 204 });
});
