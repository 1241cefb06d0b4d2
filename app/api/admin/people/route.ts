import { createPerson, listPeople, newPersonSchema, peopleFilterSchema } from "@/lib/auth/people/people";
import { jsonBody, route } from "@/lib/http";
import { PERSON_BODY_LIMIT } from "./schema";

const SURFACE = "people";

/** The workspace's people with their groups and roles, searched and filtered (?q=&groupId=&role=&status=). */
export const GET = route({ surface: SURFACE, roles: ["admin"], query: peopleFilterSchema }, async ({ user, query }) =>
  Response.json(await listPeople(user, query)),
);

/** Adds someone; the answer carries the one-time link with which they set their password. */
export const POST = route({ surface: SURFACE, roles: ["admin"], body: jsonBody(newPersonSchema, PERSON_BODY_LIMIT) }, async ({ user, body }) =>
  Response.json(await createPerson(user, body), { status: 201 }),
);
