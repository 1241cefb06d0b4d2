import { issueWelcomeLink } from "@/lib/auth/people/people";
import { requireUser } from "@/lib/auth/session";
import { handleRoute } from "@/lib/http";

const SURFACE = "people";

/** A new one-time link for someone to set or reset their password (older links stop working). */
export const POST = handleRoute(SURFACE, async (_request: Request, context: { params: Promise<{ id: string }> }) => {
  const admin = await requireUser(SURFACE, ["admin"]);
  return Response.json(await issueWelcomeLink(admin, (await context.params).id), { status: 201 });
});
