import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "@/prisma/seed";
import { freePort, startBuiltApp, type RunningApp } from "@/tests/e2e/support/app-server";
import { launchBrowser } from "@/tests/e2e/support/browser";
import { IDP_CLIENT, startIdentityProvider, type IdpAccount } from "@/tests/support/oidc-idp";

// Issue 7 point 1, end to end: the built app (its own server, configured for single sign-on) against
// a real OpenID Connect provider on localhost, driven in Chromium.

const accounts = new Map<string, IdpAccount>([
  ["carol", { email: "carol@acme.test", name: "Carol Kim", groups: ["sales", "sso-only"], role: "employee" }],
  ["ada", { email: "admin@acme.test", name: "Ada Admin", groups: ["hr"], role: "admin" }],
  ["eve", { email: "eve@unmapped.test", name: "Eve" }],
  ["mallory", { email: "alice@acme.test", name: "Mallory", email_verified: false }],
]);

let browser: Browser;
let app: RunningApp;
// next-auth builds the redirect URI from the URL Next.js reports for the request, which names the
// host "localhost": the browser uses that host too, so the sign-in cookies come back with it.
let base: string;
let idp: Awaited<ReturnType<typeof startIdentityProvider>>;

beforeAll(async () => {
  const port = await freePort();
  base = `http://localhost:${port}`;
  idp = await startIdentityProvider(`${base}/api/auth/callback/oidc`, accounts);
  app = await startBuiltApp(
    {
      AUTH_SECRET: "sso-tests-auth-secret-0123456789abcdef",
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: IDP_CLIENT.id,
      OIDC_CLIENT_SECRET: IDP_CLIENT.secret,
      OIDC_DISPLAY_NAME: "Acme SSO",
      OIDC_SCOPES: "openid email profile groups",
      OIDC_WORKSPACES: "acme.test=acme,globex.test=globex",
    },
    "sso-server",
    port,
  );
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await idp?.stop();
});

async function visitor(): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 860 }, locale: "en-US" });
  context.setDefaultTimeout(60_000);
  return context;
}

/** Through the identity provider's own login and consent pages, back to the app. */
async function signInWithSso(context: BrowserContext, login: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto("/");
  await page.waitForURL(/\/signin/);
  await page.getByRole("button", { name: "Sign in with Acme SSO" }).click();
  await page.waitForURL((url) => url.origin === idp.issuer);
  await page.locator("input[name=login]").fill(login);
  await page.locator("input[name=password]").fill("any password");
  await page.locator("button[type=submit]").click();
  await page.locator("button[type=submit]").click(); // consent
  await page.waitForURL((url) => url.origin === base);
  return page;
}

const cookieOf = async (context: BrowserContext) => {
  const cookie = (await context.cookies()).find((c) => c.name === "authjs.session-token");
  return `authjs.session-token=${cookie?.value}`;
};

async function passwordCookie(email = "admin@acme.test"): Promise<string> {
  const csrf = await fetch(`${app.baseURL}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${app.baseURL}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: csrf.headers
        .getSetCookie()
        .map((c) => c.split(";")[0])
        .join("; "),
    },
    body: new URLSearchParams({ csrfToken, workspace: "acme", email, password: DEMO_PASSWORD, callbackUrl: "/" }),
  });
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .find((c) => c.startsWith("authjs.session-token="))!;
}

type Person = { id: string; email: string; role: string; groups: { name: string }[] };
const person = async (admin: string, email: string) =>
  (
    (await (await fetch(`${app.baseURL}/api/admin/people?q=${encodeURIComponent(email)}`, { headers: { cookie: admin } })).json()) as { people: Person[] }
  ).people.find((p) => p.email === email);

describe("single sign-on with the company's identity provider", () => {
  it("provisions a newcomer into the mapped workspace with the claimed groups, applies changed claims at the next sign-in, and signs out", async () => {
    const first = await visitor();
    const page = await signInWithSso(first, "carol");
    await page.waitForURL((url) => url.pathname === "/");
    expect(await page.getByTestId("signed-in-user").innerText()).toContain("Carol Kim");
    const admin = await passwordCookie();
    expect(await person(admin, "carol@acme.test")).toMatchObject({ role: "employee", groups: [{ name: "sales" }, { name: "sso-only" }] });

    // The identity provider moves Carol to engineering and makes her an auditor.
    accounts.set("carol", { ...accounts.get("carol")!, groups: ["engineering"], role: "auditor" });
    const second = await visitor();
    const again = await signInWithSso(second, "carol");
    await again.waitForURL((url) => url.pathname === "/");
    expect(await again.getByTestId("signed-in-user").innerText()).toContain("auditor");
    expect(await person(admin, "carol@acme.test")).toMatchObject({ role: "auditor", groups: [{ name: "engineering" }] });

    // Sign-out ends that session on the server: its cookie, reused, is refused.
    const captured = await cookieOf(second);
    expect((await fetch(`${app.baseURL}/api/audit/records`, { headers: { cookie: captured } })).status).toBe(200);
    await again.getByRole("button", { name: "Sign out" }).click();
    await again.waitForURL(/\/signin/);
    expect((await fetch(`${app.baseURL}/api/audit/records`, { headers: { cookie: captured } })).status).toBe(401);

    // The auditor's log shows what single sign-on changed.
    const auditor = await passwordCookie("auditor@acme.test");
    const log = (await (await fetch(`${app.baseURL}/api/admin/activity?actor=single%20sign-on`, { headers: { cookie: auditor } })).json()) as {
      entries: { action: string; targetLabel: string }[];
    };
    expect(log.entries.map((e) => `${e.action} ${e.targetLabel}`)).toEqual(
      expect.arrayContaining([
        "user.provision carol@acme.test",
        "group.create sso-only",
        "group.members sales",
        "user.role carol@acme.test",
        "group.members engineering",
      ]),
    );
    await first.close();
    await second.close();
  });

  it("refuses a person of an unmapped domain, an unverified e-mail and a deactivated person, each with a clear message", async () => {
    for (const [login, message] of [
      ["eve", "Your organisation's e-mail domain is not set up for Lore"],
      ["mallory", "has not verified your e-mail address"],
    ] as const) {
      const context = await visitor();
      const page = await signInWithSso(context, login);
      await page.waitForURL(/\/signin\?error=/);
      await expect.poll(() => page.locator("main [role=alert]").innerText()).toContain(message);
      await context.close();
    }

    const admin = await passwordCookie();
    const carol = await person(admin, "carol@acme.test");
    const deactivated = await fetch(`${app.baseURL}/api/admin/people/${carol!.id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json", cookie: admin },
      body: JSON.stringify({ active: false }),
    });
    expect(deactivated.status).toBe(200);
    const context = await visitor();
    const page = await signInWithSso(context, "carol");
    await page.waitForURL(/\/signin\?error=/);
    await expect.poll(() => page.locator("main [role=alert]").innerText()).toContain("deactivated");
    await context.close();
  });

  it("an admin switches password sign-in off for the workspace; people then sign in through single sign-on only", async () => {
    const context = await visitor();
    const page = await signInWithSso(context, "ada");
    await page.goto("/admin/people");
    const panel = page.getByTestId("sign-in-settings");
    await expect.poll(() => panel.innerText()).toContain("Password sign-in: on");
    await panel.getByRole("button", { name: "Switch password sign-in off" }).click();
    await expect.poll(() => panel.innerText()).toContain("Password sign-in: off");

    const visitorPage = await (await visitor()).newPage();
    await visitorPage.goto("/signin");
    await visitorPage.getByLabel("Workspace").fill("acme");
    await visitorPage.getByLabel("Email").fill("bob@acme.test");
    await visitorPage.getByLabel("Password").fill(DEMO_PASSWORD);
    await visitorPage.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect.poll(() => visitorPage.locator("main [role=alert]").innerText()).toContain("signs in through single sign-on");

    await panel.getByRole("button", { name: "Switch password sign-in on" }).click();
    await expect.poll(() => panel.innerText()).toContain("Password sign-in: on");
    await context.close();
  });
});
