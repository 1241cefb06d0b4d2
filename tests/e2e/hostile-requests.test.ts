import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { PolicyRules } from "@/lib/guardrails/policy";
import { DEMO_PASSWORD } from "@/prisma/seed";
import { signedIn } from "@/tests/e2e/pages/sign-in";
import { launchBrowser, newVisitor } from "@/tests/e2e/support/browser";
import { chatBody, signInOverHttp, url } from "@/tests/e2e/support/http";
import { startForgingSite } from "@/tests/support/forging-site";
import { watchHealth } from "@/tests/support/health-watch";

// Hostile requests against the built server in a child process: forged requests from another origin
// on this host and from another site, over HTTP and in a real browser. Each checks the clear outcome
// and that /api/health stayed healthy throughout.

// Chromium resolves this name to 127.0.0.1: a page there is another site than the app at 127.0.0.1.
const CROSS_SITE_HOST = "forger.test";

let browser: Browser;
let admin: string;
let auditor: string;
let site: Awaited<ReturnType<typeof startForgingSite>>;

type Listing = { active: { version: number; rules: PolicyRules }; versions: unknown[] };
const policies = async () => (await (await fetch(url("/api/policies"), { headers: { cookie: admin } })).json()) as Listing;
const documentNames = async () => ((await (await fetch(url("/api/documents"), { headers: { cookie: admin } })).json()) as { documents: { fileName: string }[] }).documents.map((d) => d.fileName);
const recordCount = async () => ((await (await fetch(url("/api/audit/records?limit=500"), { headers: { cookie: auditor } })).json()) as { records: unknown[] }).records.length;
const state = async () => ({ policies: await policies(), documents: await documentNames(), records: await recordCount() });

/** The attacker's page: it makes the visitor's browser send every state-changing request it can without a CORS preflight. */
function forgingPage(rules: PolicyRules, version: number): string {
  const weakened: PolicyRules = { ...rules, input: { ...rules.input, promptInjection: { ...rules.input.promptInjection, enabled: false } } };
  return `<!doctype html><title>win a prize</title><script>
    const target = new URLSearchParams(location.search).get("target");
    const send = (path, init) => fetch(target + path, { method: "POST", mode: "no-cors", credentials: "include", ...init }).catch(() => null);
    (async () => {
      await send("/api/policies", { headers: { "content-type": "text/plain" }, body: ${JSON.stringify(JSON.stringify({ rules: weakened, reason: "forged" }))} });
      await send("/api/policies/${version}/activate", {});
      await send("/api/chat", { headers: { "content-type": "text/plain" }, body: ${JSON.stringify(chatBody("What is the expense policy?"))} });
      const form = new FormData();
      form.append("file", new Blob(["# Forged\\n\\nPlanted by another site."]), "forged.md");
      await send("/api/documents", { body: form });
      document.title = "sent";
    })();
  </script>`;
}

/** The attacker's sign-in form (login CSRF): posts the app's own sign-in server action with the attacker's account. */
function loginForm(actionField: string): string {
  return `<!doctype html><title>sign in</title>
    <form method="post" enctype="multipart/form-data" id="f">
      <input type="hidden" name="${actionField}" value="">
      <input name="workspace" value="acme"><input name="email" value="bob@acme.test"><input name="password" value="${DEMO_PASSWORD}"><input name="callbackUrl" value="/">
    </form>
    <script>const f = document.getElementById("f"); f.action = new URLSearchParams(location.search).get("target") + "/signin"; f.submit();</script>`;
}

/**
 * What the app answered the page's requests, read from Chromium's network log: the answers to
 * another site's no-cors requests are withheld from that page (Cross-Origin-Resource-Policy), so
 * Playwright reports them as failed requests without a status.
 */
async function watchAnswers(context: BrowserContext, page: Page, app: string) {
  const cdp = await context.newCDPSession(page);
  const sent = new Map<string, { method: string; path: string }>();
  const statuses = new Map<string, number>();
  cdp.on("Network.requestWillBeSent", ({ requestId, request }) => {
    if (request.url.startsWith(app)) sent.set(requestId, { method: request.method, path: new URL(request.url).pathname });
  });
  cdp.on("Network.responseReceivedExtraInfo", ({ requestId, statusCode }) => statuses.set(requestId, statusCode));
  await cdp.send("Network.enable");
  return {
    get answered() {
      return [...sent].filter(([id]) => statuses.has(id)).map(([id, request]) => ({ ...request, status: statuses.get(id)! }));
    },
  };
}

beforeAll(async () => {
  [admin, auditor] = await Promise.all([signInOverHttp("acme", "admin@acme.test"), signInOverHttp("acme", "auditor@acme.test")]);
  const current = await policies();
  const signInPage = await (await fetch(url("/signin"))).text();
  const actionField = /name="(\$ACTION_ID_[0-9a-f]+)"/.exec(signInPage)?.[1];
  if (!actionField) throw new Error("the sign-in page has no server action field");
  site = await startForgingSite({ "/forge.html": forgingPage(current.active.rules, current.active.version), "/login.html": loginForm(actionField) });
  browser = await launchBrowser([`--host-resolver-rules=MAP ${CROSS_SITE_HOST} 127.0.0.1`]);
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe("forged requests", () => {
  it("refuses state-changing API requests and server actions from another origin or site over HTTP (403), before reading them", async () => {
    const health = watchHealth(inject("baseURL"));
    const before = await state();
    const otherPort = `http://127.0.0.1:${site.port}`;
    const json = { "content-type": "application/json", cookie: admin };
    const requests: [string, string, Record<string, string>, BodyInit | undefined][] = [
      ["POST", "/api/policies", json, JSON.stringify({ rules: before.policies.active.rules, reason: "forged" })],
      ["POST", `/api/policies/${before.policies.active.version}/activate`, { cookie: admin }, undefined],
      ["POST", "/api/chat", json, chatBody("What is the expense policy?")],
      ["POST", "/api/documents", { cookie: admin, "content-type": "multipart/form-data; boundary=x" }, "--x--"],
      ["DELETE", "/api/documents/00000000-0000-4000-8000-000000000000", { cookie: admin }, undefined],
      ["POST", "/signin", { cookie: admin, "content-type": "multipart/form-data; boundary=x", "next-action": "0".repeat(42) }, "--x--"],
    ];
    const forgeries: Record<string, string>[] = [
      { origin: otherPort },
      { origin: otherPort, "sec-fetch-site": "same-site" },
      { origin: `http://${CROSS_SITE_HOST}:${site.port}`, "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "cross-site" },
      { origin: "null" },
    ];
    for (const [method, path, headers, body] of requests) {
      for (const forged of forgeries) {
        const response = await fetch(url(path), { method, headers: { ...headers, ...forged }, body });
        expect(response.status, `${method} ${path} ${JSON.stringify(forged)}`).toBe(403);
        expect(await response.text()).toMatch(/came from (another site|another origin|a page without an origin)/);
      }
    }
    // The app's own pages are let through.
    const own = await fetch(url("/api/chat"), { method: "POST", headers: { ...json, origin: inject("baseURL"), "sec-fetch-site": "same-origin" }, body: chatBody("What is the expense policy?") });
    expect(own.status).toBe(200);
    await own.text();
    const after = await state();
    expect({ ...after, records: after.records - 1 }).toEqual(before);
    const report = await health.stop();
    expect(report.failures).toBe(0);
  });

  for (const [name, host] of [
    ["a page on another port of the same host", "127.0.0.1"],
    ["a page on another site", CROSS_SITE_HOST],
  ] as const) {
    it(`${name} cannot make a signed-in admin's browser change a policy, roll one back, ask, upload or sign someone in`, async () => {
      const health = watchHealth(inject("baseURL"));
      const before = await state();
      const { context } = await signedIn(browser, "acme", "admin@acme.test");
      const app = inject("baseURL");
      // A tab of its own: only the forging page's requests are watched, not those of the app's open tab.
      const page = await context.newPage();
      const seen = await watchAnswers(context, page, app);
      await page.goto(`http://${host}:${site.port}/forge.html?target=${encodeURIComponent(app)}`);
      await expect.poll(() => page.title(), { timeout: 20_000 }).toBe("sent");
      await expect.poll(() => seen.answered.length, { timeout: 20_000 }).toBe(4);
      expect(seen.answered.map((s) => s.path).sort()).toEqual(["/api/chat", "/api/documents", "/api/policies", `/api/policies/${before.policies.active.version}/activate`].sort());
      expect(seen.answered.map((s) => `${s.method} ${s.status}`)).toEqual(Array(4).fill("POST 403"));
      await context.close();

      // Login CSRF: a visitor with no session is not signed in as the attacker's account.
      const visitor = await newVisitor(browser);
      const form = await visitor.newPage();
      const navigation = form.waitForResponse((response) => response.url() === `${app}/signin` && response.request().method() === "POST");
      await form.goto(`http://${host}:${site.port}/login.html?target=${encodeURIComponent(app)}`);
      expect((await navigation).status()).toBe(403);
      expect((await visitor.cookies(app)).some((c) => c.name.includes("session-token"))).toBe(false);
      await visitor.close();

      expect(await state()).toEqual(before);
      const report = await health.stop();
      expect(report.failures).toBe(0);
    });
  }
});
