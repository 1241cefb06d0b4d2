import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { E2E_AUTH_SECRET } from "@/tests/e2e/global-setup";
import { choosePassword } from "@/tests/e2e/pages/people";
import { SignInPage } from "@/tests/e2e/pages/sign-in";
import { startBuiltApp, type RunningApp } from "@/tests/e2e/support/app-server";
import { ARTIFACTS, launchBrowser, newVisitor } from "@/tests/e2e/support/browser";
import { url } from "@/tests/e2e/support/http";

// Issue 7 point 3: the instance operator's page, on a server started with LORE_OPERATOR_TOKEN and
// without the demo workspaces; the shared test server has no token, so there the page does not exist.
const TOKEN = "operator-token-for-the-e2e-tests-0123456789";
let browser: Browser;
let app: RunningApp;

beforeAll(async () => {
  app = await startBuiltApp({ AUTH_SECRET: E2E_AUTH_SECRET, LORE_OPERATOR_TOKEN: TOKEN, LORE_DEMO_SEED: "false" }, "operator-server");
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe("the operator's workspaces page", () => {
  it("does not exist without LORE_OPERATOR_TOKEN", async () => {
    expect((await fetch(url("/operator"))).status).toBe(404);
    expect((await fetch(url("/api/operator/workspaces"), { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
  });

  it("refuses a wrong token and a cross-site request", async () => {
    expect((await fetch(url("/api/operator/workspaces", app.baseURL), { headers: { authorization: "Bearer wrong" } })).status).toBe(401);
    const crossSite = await fetch(url("/api/operator/workspaces", app.baseURL), {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json", origin: "https://evil.example", "sec-fetch-site": "cross-site" },
      body: JSON.stringify({ slug: "evil", name: "Evil", adminEmail: "x@evil.test" }),
    });
    expect(crossSite.status).toBe(403);
  });

  it("creates a workspace whose first admin sets a password from the link and signs in", async () => {
    const context = await newVisitor(browser, { baseURL: app.baseURL });
    const page = await context.newPage();
    await page.goto("/operator");
    await page.getByLabel("Operator token").fill("not the token");
    await page.getByRole("button", { name: "Show workspaces" }).click();
    await expect.poll(() => page.locator("main [role=alert]").innerText()).toBe("The operator token is not right.");
    await page.getByLabel("Operator token").fill(TOKEN);
    await page.getByRole("button", { name: "Show workspaces" }).click();
    const form = page.getByRole("form", { name: "Create a workspace" });
    await form.getByLabel("Slug").fill("hanbit");
    await form.getByLabel("Name", { exact: true }).fill("한빛 주식회사");
    await form.getByLabel("First admin's e-mail").fill("admin@hanbit.test");
    await form.getByLabel("First admin's name (optional)").fill("김하늘");
    await form.getByRole("button", { name: "Create workspace" }).click();
    const link = await page.getByTestId("welcome-link").getByLabel("One-time link").inputValue();
    expect(link).toMatch(/\/welcome\?workspace=hanbit&token=[\w-]{43}$/);
    await expect.poll(() => page.getByTestId("workspace").allInnerTexts()).toEqual([expect.stringMatching(/^hanbit\t한빛 주식회사\t1\tadmin@hanbit\.test$/)]);
    // The same slug again is refused with the reason.
    await form.getByLabel("Slug").fill("hanbit");
    await form.getByLabel("Name", { exact: true }).fill("Again");
    await form.getByLabel("First admin's e-mail").fill("other@hanbit.test");
    await form.getByRole("button", { name: "Create workspace" }).click();
    await expect.poll(() => page.locator("main [role=alert]").innerText()).toContain('A workspace "hanbit" already exists');
    await page.screenshot({ path: `${ARTIFACTS}/operator.png`, fullPage: true });

    const admin = await newVisitor(browser, { baseURL: app.baseURL });
    const welcome = await admin.newPage();
    await choosePassword(welcome, link, "한빛의 첫 관리자 비밀번호");
    await welcome.waitForURL(/\/signin\?workspace=hanbit/);
    await new SignInPage(welcome).signIn("hanbit", "admin@hanbit.test", "한빛의 첫 관리자 비밀번호");
    await welcome.waitForURL((u) => u.pathname === "/");
    await welcome.goto("/admin/people");
    await welcome.getByRole("heading", { name: "People", exact: true }).waitFor();
    await admin.close();
    await context.close();
  });
});
