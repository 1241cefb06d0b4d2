import { DEMO_PASSWORD } from "@/prisma/seed";

// Free of the test runner, so that benchmarks sign in the same way as the end-to-end tests.

export function cookiesFrom(response: Response): string[] {
  return response.headers.getSetCookie().map((c) => c.split(";")[0]!);
}

/**
 * Posts the credentials form to next-auth's own endpoints at `baseURL`, as a browser would, and
 * returns the response that sets the session cookie (attributes included). `headers` go with both
 * requests: a proxy's X-Forwarded-Proto: https, for instance.
 */
export async function signInResponse(
  baseURL: string,
  workspace: string,
  email: string,
  password = DEMO_PASSWORD,
  headers: Record<string, string> = {},
): Promise<Response> {
  const csrf = await fetch(`${baseURL}/api/auth/csrf`, { headers });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  return fetch(`${baseURL}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { ...headers, "content-type": "application/x-www-form-urlencoded", cookie: cookiesFrom(csrf).join("; ") },
    body: new URLSearchParams({ csrfToken, workspace, email, password, callbackUrl: "/" }),
  });
}

/** Signs in to the app at `baseURL` through next-auth's own endpoints, as a browser form would; returns the session cookie header. */
export async function signInAt(baseURL: string, workspace: string, email: string, password = DEMO_PASSWORD): Promise<string> {
  const response = await signInResponse(baseURL, workspace, email, password);
  const session = cookiesFrom(response).find((c) => c.startsWith("authjs.session-token="));
  if (!session) throw new Error(`sign-in failed for ${email}: ${response.status} ${response.headers.get("location")}`);
  return session;
}
