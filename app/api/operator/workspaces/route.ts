import { requireOperator } from "@/lib/auth/operator";
import { createWorkspace, listWorkspaces, newWorkspaceSchema } from "@/lib/auth/workspaces";
import { LoreError } from "@/lib/errors";
import { route } from "@/lib/http";
import { parseJsonText, readBoundedBody } from "@/lib/http/body";

const SURFACE = "operator";
const BODY_LIMIT = { maxBytes: 16 * 1024 };

// No session: the operator is whoever holds LORE_OPERATOR_TOKEN, checked before the body is read.

/** Every workspace with its people count and admins (the operator's token required). */
export const GET = route({ surface: SURFACE, public: true }, async ({ request }) => {
  requireOperator(request);
  return Response.json({ workspaces: await listWorkspaces() });
});

/** Creates a workspace and its first admin: { slug, name, adminEmail, adminName? }; answers the admin's one-time link. */
export const POST = route({ surface: SURFACE, public: true }, async ({ request }) => {
  requireOperator(request);
  if (!(request.headers.get("content-type") ?? "").startsWith("application/json"))
    throw new LoreError("unsupported_media_type", SURFACE, "Send the workspace as JSON.");
  const body = newWorkspaceSchema.safeParse(parseJsonText(await readBoundedBody(request, BODY_LIMIT, SURFACE), SURFACE));
  if (!body.success) throw new LoreError("bad_request", SURFACE, body.error.issues[0]?.message ?? "The request body is not valid.");
  return Response.json(await createWorkspace(body.data), { status: 201 });
});
