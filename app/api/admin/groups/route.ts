import { createGroup, listGroups } from "@/lib/auth/people/groups";
import { jsonBody, route } from "@/lib/http";
import { GROUP_BODY_LIMIT, groupSchema } from "./schema";

const SURFACE = "groups";

export const GET = route({ surface: SURFACE, roles: ["admin"] }, async ({ user }) => Response.json({ groups: await listGroups(user) }));

export const POST = route({ surface: SURFACE, roles: ["admin"], body: jsonBody(groupSchema, GROUP_BODY_LIMIT) }, async ({ user, body }) =>
  Response.json({ group: await createGroup(user, body.name) }, { status: 201 }),
);
