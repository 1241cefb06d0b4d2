import { issueWelcomeLink } from "@/lib/auth/people/people";
import { route } from "@/lib/http";
import { personRoute } from "../../schema";

/** A new one-time link for someone to set or reset their password (older links stop working). */
export const POST = route(personRoute, async ({ user, params }) => Response.json(await issueWelcomeLink(user, params.id), { status: 201 }));
