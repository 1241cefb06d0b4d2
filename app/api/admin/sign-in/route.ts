import { z } from "zod";
import { setPasswordSignIn, signInOptions } from "@/lib/auth/sign-in-settings";
import { jsonBody, route } from "@/lib/http";

const SURFACE = "sign-in";
const changeSchema = z.object({ passwordSignIn: z.boolean({ message: "passwordSignIn must be true or false." }) });

/** How this workspace's people sign in: password and/or single sign-on. */
export const GET = route({ surface: SURFACE, roles: ["admin"] }, async ({ user }) => Response.json(await signInOptions(user.tenantId)));

/** Switches password sign-in on or off for this workspace (off only once single sign-on is configured). */
export const PATCH = route({ surface: SURFACE, roles: ["admin"], body: jsonBody(changeSchema, { maxBytes: 1024 }) }, async ({ user, body }) =>
  Response.json(await setPasswordSignIn(user, body.passwordSignIn)),
);
