import { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import { setPasswordSignIn, signInOptions } from "@/lib/auth/sign-in-settings";
import { handleRoute, parseJsonBody } from "@/lib/http";

const SURFACE = "sign-in";
const changeSchema = z.object({ passwordSignIn: z.boolean({ message: "passwordSignIn must be true or false." }) });

/** How this workspace's people sign in: password and/or single sign-on. */
export const GET = handleRoute(SURFACE, async () => {
  const admin = await requireUser(SURFACE, ["admin"]);
  return Response.json(await signInOptions(admin.tenantId));
});

/** Switches password sign-in on or off for this workspace (off only once single sign-on is configured). */
export const PATCH = handleRoute(SURFACE, async (request: Request) => {
  const admin = await requireUser(SURFACE, ["admin"]);
  const { passwordSignIn } = await parseJsonBody(request, changeSchema, SURFACE);
  return Response.json(await setPasswordSignIn(admin, passwordSignIn));
});
