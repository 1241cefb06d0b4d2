import { personChangesSchema, updatePerson } from "@/lib/auth/people/people";
import { jsonBody, route } from "@/lib/http";
import { PERSON_BODY_LIMIT, personRoute } from "../schema";

/** Renames, changes the role of, deactivates (ending their sessions) or reactivates someone. */
export const PATCH = route({ ...personRoute, body: jsonBody(personChangesSchema, PERSON_BODY_LIMIT) }, async ({ user, params, body }) =>
  Response.json({ person: await updatePerson(user, params.id, body) }),
);
