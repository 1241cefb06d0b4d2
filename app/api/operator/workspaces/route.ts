import { requireOperator } from "@/lib/auth/operator";
import { createWorkspace, listWorkspaces, newWorkspaceSchema } from "@/lib/auth/workspaces";
import { handleRoute, parseJsonBody, refuseCrossSite } from "@/lib/http";

const SURFACE = "operator";

/** Every workspace with its people count and admins (the operator's token required). */
export const GET = handleRoute(SURFACE, async (request: Request) => {
  requireOperator(request);
  return Response.json({ workspaces: await listWorkspaces() });
});

/** Creates a workspace and its first admin: { slug, name, adminEmail, adminName? }; answers the admin's one-time link. */
export const POST = handleRoute(SURFACE, async (request: Request) => {
  refuseCrossSite(request, SURFACE);
  requireOperator(request);
  const body = await parseJsonBody(request, newWorkspaceSchema, SURFACE);
  return Response.json(await createWorkspace(body), { status: 201 });
});
