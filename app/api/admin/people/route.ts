import { createPerson, listPeople, newPersonSchema, peopleFilterSchema } from "@/lib/auth/people/people";
import { requireUser } from "@/lib/auth/session";
import { handleRoute, parseJsonBody } from "@/lib/http";
import { parseQuery } from "../query";

const SURFACE = "people";

/** The workspace's people with their groups and roles, searched and filtered (?q=&groupId=&role=&status=). */
export const GET = handleRoute(SURFACE, async (request: Request) => {
  const admin = await requireUser(SURFACE, ["admin"]);
  return Response.json(await listPeople(admin, parseQuery(request, peopleFilterSchema, SURFACE)));
});

/** Adds someone; the answer carries the one-time link with which they set their password. */
export const POST = handleRoute(SURFACE, async (request: Request) => {
  const admin = await requireUser(SURFACE, ["admin"]);
  const body = await parseJsonBody(request, newPersonSchema, SURFACE);
  return Response.json(await createPerson(admin, body), { status: 201 });
});
