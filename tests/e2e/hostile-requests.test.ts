import type { Browser, BrowserContext, Page } from "playwright-core";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PolicyRules } from "@/lib/guardrails/policy";
import { DEMO_PASSWORD } from "@/prisma/seed";
import { signedIn } from "@/tests/e2e/pages/sign-in";
import { startBuiltApp, type RunningApp, sharedAppURL } from "@/tests/e2e/support/app-server";
import { launchBrowser, newVisitor } from "@/tests/e2e/support/browser";
import { chatBody, signInOverHttp, url } from "@/tests/e2e/support/http";
import { startForgingSite } from "@/tests/support/forging-site";
import { watchHealth } from "@/tests/support/health-watch";

// Hostile requests against the built server in a child process: oversized bodies by the dozen from
// one person (on a server of their own, whose memory is watched), and forged requests from another
// origin on this host and from another site, over HTTP and in a real browser. Each checks the clear
// outcome and that /api/health stayed healthy throughout.

// Chromium resolves this name to 127.0.0.1: a page there is another site than the app at 127.0.0.1.
const CROSS_SITE_HOST = "forger.test";

let browser: Browser;
let admin: string;
let auditor: string;
let site: Awaited<ReturnType<typeof startForgingSite>>;

type Listing = { active: { version: number; rules: PolicyRules }; versions: unknown[] };
const policies = async () => (await (await fetch(url("/api/policies"), { headers: { cookie: admin } })).json()) as Listing;
const documentNames = async () =>
  ((await (await fetch(url("/api/documents"), { headers: { cookie: admin } })).json()) as { documents: { fileName: string }[] }).documents.map(
    (d) => d.fileName,
  );
const recordCount = async () =>
  ((await (await fetch(url("/api/audit/records?limit=500"), { headers: { cookie: auditor } })).json()) as { records: unknown[] }).records.length;
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
    const health = watchHealth(sharedAppURL());
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
    const own = await fetch(url("/api/chat"), {
      method: "POST",
      headers: { ...json, origin: sharedAppURL(), "sec-fetch-site": "same-origin" },
      body: chatBody("What is the expense policy?"),
    });
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
      const health = watchHealth(sharedAppURL());
      const before = await state();
      const { context } = await signedIn(browser, "acme", "admin@acme.test");
      const app = sharedAppURL();
      // A tab of its own: only the forging page's requests are watched, not those of the app's open tab.
      const page = await context.newPage();
      const seen = await watchAnswers(context, page, app);
      await page.goto(`http://${host}:${site.port}/forge.html?target=${encodeURIComponent(app)}`);
      await expect.poll(() => page.title(), { timeout: 20_000 }).toBe("sent");
      await expect.poll(() => seen.answered.length, { timeout: 20_000 }).toBe(4);
      expect(seen.answered.map((s) => s.path).sort()).toEqual(
        ["/api/chat", "/api/documents", "/api/policies", `/api/policies/${before.policies.active.version}/activate`].sort(),
      );
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

describe("deeply nested JSON", () => {
  it("is refused with a clear 400 by every JSON route it is sent to, a dozen at a time, before anything parses it", async () => {
    const alice = await signInOverHttp("acme", "alice@acme.test");
    const health = watchHealth(sharedAppURL());
    const before = await state();
    // Far past the limit of 32 levels, and under the smallest body limit (feedback, 16 KB).
    const depth = 2_000;
    const bodies = ["[".repeat(depth) + "]".repeat(depth), `{"rules":${'{"a":'.repeat(depth)}1${"}".repeat(depth)},"reason":"deep"}`];
    const sends = [
      ["/api/chat", alice, "chat"],
      ["/api/feedback", alice, "feedback"],
      ["/api/policies", admin, "policies"],
    ].flatMap(([path, cookie, surface]) =>
      bodies.flatMap((body) =>
        Array.from({ length: 4 }, async () => {
          const response = await fetch(url(path!), { method: "POST", headers: { "content-type": "application/json", cookie: cookie! }, body });
          return { path, status: response.status, body: (await response.json()) as { code: string; message: string }, surface };
        }),
      ),
    );
    for (const answer of await Promise.all(sends)) {
      expect(answer.status, answer.path).toBe(400);
      expect(answer.body).toMatchObject({ code: `bad_request:${answer.surface}`, message: "The request body is nested too deeply (more than 32 levels)." });
    }
    expect(await state()).toEqual(before);
    expect((await health.stop()).failures).toBe(0);
  });
});

const MB = 1024 * 1024;

/** A body that keeps coming, in 64 KB chunks, with no Content-Length: only counting while reading can bound it. */
function endlessBody(totalBytes: number, prefix = ""): ReadableStream<Uint8Array> {
  const chunk = new Uint8Array(64 * 1024).fill(0x61);
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent === 0 && prefix) controller.enqueue(new TextEncoder().encode(prefix));
      if (sent >= totalBytes) return controller.close();
      controller.enqueue(chunk);
      sent += chunk.byteLength;
    },
  });
}

/** The server process's resident memory (Linux /proc), sampled until stopped: its peak. */
function watchMemory(pid: number) {
  const resident = () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) * 1024;
  const baseline = resident();
  let peak = baseline;
  const timer = setInterval(() => (peak = Math.max(peak, resident())), 50);
  return {
    baseline,
    stop() {
      clearInterval(timer);
      return { baseline, peak: Math.max(peak, resident()), now: resident() };
    },
  };
}

describe("oversized requests by the dozen from one person", () => {
  // A server of its own: its memory is this test's alone, and its per-person allowance is known.
  const ALLOWANCE = 60;
  let app: RunningApp;
  beforeAll(async () => {
    app = await startBuiltApp(
      { AUTH_SECRET: "hostile-requests-secret-0123456789abcdef", MAX_UPLOAD_BYTES: String(MB), USER_EXPENSIVE_REQUESTS_PER_MINUTE: String(ALLOWANCE) },
      "hostile-requests",
    );
  });
  afterAll(() => app?.stop());

  const send = (path: string, cookie: string, contentType: string, body: ReadableStream<Uint8Array>) =>
    fetch(`${app.baseURL}${path}`, { method: "POST", headers: { "content-type": contentType, cookie }, body, duplex: "half" } as RequestInit).then(
      async (response) => ({ status: response.status, message: ((await response.json()) as { message: string }).message }),
    );

  it("refuses 50 concurrent oversized chat requests and 50 oversized uploads at the limit, stays healthy and keeps its memory", async () => {
    const [alice, admin] = await Promise.all([
      signInOverHttp("acme", "alice@acme.test", undefined, app.baseURL),
      signInOverHttp("acme", "admin@acme.test", undefined, app.baseURL),
    ]);
    const health = watchHealth(app.baseURL);
    const memory = watchMemory(app.pid);
    const [chats, uploads] = await Promise.all([
      Promise.all(Array.from({ length: 50 }, () => send("/api/chat", alice, "application/json", endlessBody(32 * MB, '{"id":"')))),
      Promise.all(Array.from({ length: 50 }, () => send("/api/documents", admin, "multipart/form-data; boundary=x", endlessBody(8 * MB, "--x\r\n")))),
    ]);
    const report = await health.stop();
    const { baseline, peak, now } = memory.stop();

    expect(chats.every((c) => c.status === 413 && c.message === "The request body is larger than the limit of 64 KB.")).toBe(true);
    // An upload holds up to 1 MB in memory: a person gets a few at a time, the rest are told to wait.
    expect(uploads.every((u) => u.status === 413 || u.status === 429)).toBe(true);
    expect(uploads.filter((u) => u.status === 413).every((u) => u.message === "The upload is larger than the limit of 1.0 MB.")).toBe(true);
    expect(uploads.some((u) => u.status === 413)).toBe(true);
    expect(uploads.filter((u) => u.status === 429).every((u) => u.message === "At most 4 uploads at a time: try again when one is done.")).toBe(true);
    expect(report.failures).toBe(0);
    // Read whole, the bodies would have been 2 GB; bounded, they are a few MB.
    expect(peak - baseline, `peak ${peak >> 20} MB over a baseline of ${baseline >> 20} MB`).toBeLessThan(256 * MB);
    expect(now - baseline).toBeLessThan(256 * MB);

    const answered = await fetch(`${app.baseURL}/api/chat`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: alice },
      body: chatBody("When must expense claims be submitted?"),
    });
    expect(answered.status).toBe(200);
    await answered.text();
  });

  it(`refuses a person's expensive requests past ${ALLOWANCE} a minute with 429 and Retry-After, and nobody else's`, async () => {
    const [admin, otherAdmin] = await Promise.all([
      signInOverHttp("acme", "admin@acme.test", undefined, app.baseURL),
      signInOverHttp("globex", "admin@globex.test", undefined, app.baseURL),
    ]);
    const policy = (await (await fetch(`${app.baseURL}/api/policies`, { headers: { cookie: admin } })).json()) as Listing;
    const health = watchHealth(app.baseURL);
    const sandbox = (cookie: string) =>
      fetch(`${app.baseURL}/api/policies/sandbox`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie },
        body: JSON.stringify({ rules: policy.active.rules, kind: "question", text: "hello" }),
      });
    const statuses: number[] = [];
    for (let i = 0; i <= ALLOWANCE; i++) {
      const response = await sandbox(admin);
      statuses.push(response.status);
      if (response.status === 429) {
        expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
        expect((await response.json()) as { code: string; message: string }).toMatchObject({
          code: "rate_limited:policies",
          message: expect.stringMatching(/^Too many requests in a minute: try again in \d+ seconds\.$/),
        });
      } else await response.text();
    }
    expect(statuses.filter((s) => s === 200).length).toBe(ALLOWANCE);
    expect(statuses.at(-1)).toBe(429);
    expect((await sandbox(otherAdmin)).status).toBe(200);
    expect((await health.stop()).failures).toBe(0);
  });
});
