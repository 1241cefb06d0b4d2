import { DEMO_PASSWORD } from "@/prisma/seed";
import { cookiesFrom, signInAt } from "@/tests/support/sign-in-over-http";
import { sharedAppURL } from "@/tests/e2e/support/app-server";

/** A URL of this worker's shared app (see sharedAppURL), or of another one (`base`) a test started itself. */
export const url = (path: string, base = sharedAppURL()) => `${base}${path}`;

/** Signs in through next-auth's own endpoints, as a browser form would, and returns the session cookie header. */
export function signInOverHttp(workspace: string, email: string, password = DEMO_PASSWORD, base = sharedAppURL()): Promise<string> {
  return signInAt(base, workspace, email, password);
}

export function chatBody(question: string) {
  return JSON.stringify({ id: crypto.randomUUID(), message: { id: crypto.randomUUID(), role: "user", parts: [{ type: "text", text: question }] } });
}

/** Signs out through next-auth's own endpoint, as the sign-out button would, with the given session cookie. */
export async function signOutOverHttp(session: string): Promise<Response> {
  const csrf = await fetch(url("/api/auth/csrf"), { headers: { cookie: session } });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  return fetch(url("/api/auth/signout"), {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: [session, ...cookiesFrom(csrf)].join("; ") },
    body: new URLSearchParams({ csrfToken, callbackUrl: "/signin" }),
  });
}
