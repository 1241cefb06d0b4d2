import type { Browser, ConsoleMessage, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChatPage } from "@/tests/e2e/pages/chat";
import { SignInPage, signedIn } from "@/tests/e2e/pages/sign-in";
import { launchBrowser, newVisitor } from "@/tests/e2e/support/browser";
import { url } from "@/tests/e2e/support/http";
import { startForgingSite } from "@/tests/support/forging-site";
import { sharedAppURL } from "@/tests/e2e/support/app-server";

// The Content-Security-Policy and security headers (proxy.ts, lib/http/page-security.ts,
// next.config.js), over HTTP and in Chromium, which enforces them.

let browser: Browser;
let site: Awaited<ReturnType<typeof startForgingSite>>;

beforeAll(async () => {
  site = await startForgingSite({ "/frame.html": `<!doctype html><title>framed</title><iframe src="${sharedAppURL()}/signin"></iframe>` });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/** Every console message about the Content-Security-Policy while `page` is used. */
function policyViolations(page: Page): string[] {
  const messages: string[] = [];
  page.on("console", (message: ConsoleMessage) => {
    if (/Content Security Policy|frame-ancestors/i.test(message.text())) messages.push(message.text());
  });
  return messages;
}

const directive = (policy: string, name: string) =>
  policy
    .split(";")
    .map((d) => d.trim())
    .find((d) => d.startsWith(`${name} `));

describe("security headers", () => {
  it("gives every page a strict policy with a fresh nonce, and the page's scripts carry it", async () => {
    const [first, second] = await Promise.all([fetch(url("/signin")), fetch(url("/signin"))]);
    const policy = first.headers.get("content-security-policy") ?? "";
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    expect(nonce).toBeTruthy();
    expect(second.headers.get("content-security-policy")).not.toContain(nonce);
    expect(directive(policy, "script-src")).toBe(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
    expect(directive(policy, "img-src")).toBe("img-src 'self' data: blob:");
    expect(directive(policy, "frame-ancestors")).toBe("frame-ancestors 'none'");
    expect(directive(policy, "object-src")).toBe("object-src 'none'");
    const html = await first.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
    await second.text();
    for (const response of [first, await fetch(url("/api/health")), await fetch(url("/"), { redirect: "manual" })]) {
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("referrer-policy")).toBe("same-origin");
      expect(response.headers.get("permissions-policy")).toContain("camera=()");
      expect(response.headers.get("x-frame-options")).toBe("DENY");
    }
    const api = await fetch(url("/api/health"));
    expect(api.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it("runs the app under the policy without a single violation: sign-in, chat, documents, policies, audit", async () => {
    for (const [workspace, email, paths] of [
      ["acme", "alice@acme.test", ["/"]],
      ["acme", "admin@acme.test", ["/admin/documents", "/admin/policies"]],
      ["acme", "auditor@acme.test", ["/audit"]],
    ] as const) {
      const context = await newVisitor(browser);
      const page = await context.newPage();
      const violations = policyViolations(page);
      await page.goto("/");
      await page.waitForURL(/\/signin/);
      await new SignInPage(page).signIn(workspace, email);
      await page.waitForURL((address) => address.pathname === "/");
      if (paths[0] === "/") {
        const { answer } = await new ChatPage(page).ask("When must expense claims be submitted?");
        expect(answer).toContain("30 days");
      }
      for (const path of paths.filter((p) => p !== "/")) {
        await page.goto(path);
        await page.getByRole("main").waitFor();
      }
      expect(violations).toEqual([]);
      await context.close();
    }
  });

  it("fetches no remote image, whatever the page is made to show (numeric-IP hosts included)", async () => {
    const { context, page } = await signedIn(browser, "acme", "alice@acme.test");
    const violations = policyViolations(page);
    const remote = [
      `http://127.0.0.1:${site.port}/pixel.png?leak=secret`,
      `http://2130706433:${site.port}/pixel.png?leak=decimal`,
      `http://0x7f.0.0.1:${site.port}/pixel.png?leak=hex`,
    ];
    await page.evaluate((sources) => {
      for (const src of sources) {
        const img = document.createElement("img");
        img.src = src;
        document.body.append(img);
      }
    }, remote);
    await expect.poll(() => violations.filter((v) => v.includes("img-src")).length).toBe(remote.length);
    expect(site.requests.filter((r) => r.startsWith("/pixel.png"))).toEqual([]);
    await context.close();
  });

  it("cannot be framed by another site", async () => {
    const context = await newVisitor(browser);
    const page = await context.newPage();
    const violations = policyViolations(page);
    await page.goto(`http://127.0.0.1:${site.port}/frame.html`);
    await expect.poll(() => violations.some((v) => v.includes("frame-ancestors"))).toBe(true);
    const frame = page.frames().find((f) => f !== page.mainFrame());
    expect(
      await frame
        ?.locator("form")
        .count()
        .catch(() => 0),
    ).toBe(0);
    await context.close();
  });
});
