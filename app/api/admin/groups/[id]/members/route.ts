import { changeMembers, memberChangesSchema } from "@/lib/auth/people/groups";
import { jsonBody, route } from "@/lib/http";
import { GROUP_BODY_LIMIT, groupRoute } from "../../schema";

/** Adds and removes members in bulk: { add: [userId…], remove: [userId…] }. */
export const POST = route({ ...groupRoute, body: jsonBody(memberChangesSchema, GROUP_BODY_LIMIT) }, async ({ user, params, body }) =>
  Response.json(await changeMembers(user, params.id, body)),
);
