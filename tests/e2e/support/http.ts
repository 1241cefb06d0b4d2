import { inject } from "vitest";
import { DEMO_PASSWORD } from "@/prisma/seed";

/** A URL of the app that global-setup started, or of another one (`base`) a test started itself. */
export const url = (path: string, base = inject("baseURL")) => `${base}${path}`;

function cookiesFrom(response: Response): string[] {
  return response.headers.getSetCookie().map((c) => c.split(";")[0]!);
}

/** Signs in through next-auth's own endpoints, as a browser form would, and returns the session cookie header. */
export async function signInOverHttp(workspace: string, email: string, password = DEMO_PASSWORD, base = inject("baseURL")): Promise<string> {
  const csrf = await fetch(url("/api/auth/csrf", base));
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(url("/api/auth/callback/credentials", base), {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookiesFrom(csrf).join("; ") },
    body: new URLSearchParams({ csrfToken, workspace, email, password, callbackUrl: "/" }),
  });
  const session = cookiesFrom(response).find((c) => c.startsWith("authjs.session-token="));
  if (!session) throw new Error(`sign-in failed for ${email}: ${response.status} ${response.headers.get("location")}`);
  return session;
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
