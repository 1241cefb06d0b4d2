import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "@/prisma/seed";
import { startBuiltApp, type RunningApp } from "@/tests/e2e/support/app-server";
import { watchHealth } from "@/tests/support/health-watch";

// Issue 7 point 6 against the built server: password guesses are limited per network address, and
// a client cannot escape that limit by writing a different X-Forwarded-For on each guess, because
// with no proxy in front (TRUSTED_PROXY_HOPS=0, the default) the address is the connection's own.
// A server of its own, with a small limit per address so the test needs few slow password hashes.

const PER_ADDRESS = 3;
let app: RunningApp;

beforeAll(async () => {
  app = await startBuiltApp(
    { AUTH_SECRET: "hostile-sign-in-auth-secret-0123456789abcdef", SIGN_IN_MAX_FAILURES_PER_ADDRESS: String(PER_ADDRESS) },
    "hostile-sign-in-server",
  );
});
afterAll(() => app?.stop());

const cookies = (response: Response) =>
  response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .join("; ");

/** A password sign-in through next-auth's endpoint, as the browser form posts it; answers the refusal code, or "signed_in". */
async function signIn(email: string, password: string, headers: Record<string, string>): Promise<string> {
  const csrf = await fetch(`${app.baseURL}/api/auth/csrf`, { headers });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${app.baseURL}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { ...headers, "content-type": "application/x-www-form-urlencoded", cookie: cookies(csrf) },
    body: new URLSearchParams({ csrfToken, workspace: "acme", email, password, callbackUrl: "/" }),
  });
  await response.body?.cancel();
  if (response.headers.getSetCookie().some((c) => c.startsWith("authjs.session-token="))) return "signed_in";
  return new URL(response.headers.get("location") ?? "/", app.baseURL).searchParams.get("code") ?? `status ${response.status}`;
}

describe("password guesses from one address", () => {
  it("are limited even when each claims another address in X-Forwarded-For, and the server stays healthy", async () => {
    const health = watchHealth(app.baseURL);
    for (let i = 0; i < PER_ADDRESS; i++) {
      expect(await signIn(`guess${i}@acme.test`, "not the password", { "x-forwarded-for": `198.51.100.${i + 1}` })).toBe("invalid_credentials");
    }
    // Right password, fresh account, yet another forged address: still the same connection's address.
    expect(await signIn("bob@acme.test", DEMO_PASSWORD, { "x-forwarded-for": "203.0.113.99", "x-real-ip": "203.0.113.98" })).toBe("too_many_attempts");
    expect(await signIn("bob@acme.test", DEMO_PASSWORD, {})).toBe("too_many_attempts");
    const report = await health.stop();
    expect(report.failures, JSON.stringify(report)).toBe(0);
  });

  it("the sign-in page says how long to wait", async () => {
    const page = await fetch(`${app.baseURL}/signin?error=too_many_attempts`).then((r) => r.text());
    expect(page).toContain("Too many failed sign-ins");
    expect(page).toContain("15 minutes");
  });
});
