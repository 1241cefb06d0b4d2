import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Locale } from "@/lib/i18n/locales";
import { ChatPage } from "@/tests/e2e/pages/chat";
import { signedIn } from "@/tests/e2e/pages/sign-in";
import { seriousViolations } from "@/tests/e2e/support/accessibility";
import { ARTIFACTS, launchBrowser } from "@/tests/e2e/support/browser";

/**
 * Every page an employee meets, checked by axe-core in both interface languages and both colour
 * themes (the system's dark preference, which the pages follow); any serious or critical violation
 * fails. Screenshots of each page in both widths (1440×900 and a 390×844 phone) and both themes.
 */
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

type Variant = { locale: Locale; theme: "light" | "dark" };
const VARIANTS: Variant[] = [
  { locale: "en", theme: "light" },
  { locale: "en", theme: "dark" },
  { locale: "ko", theme: "light" },
  { locale: "ko", theme: "dark" },
];
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };

async function visitor(variant: Variant, email: string, workspace = "acme"): Promise<{ context: BrowserContext; page: Page }> {
  const visit = await signedIn(browser, workspace, email, { locale: variant.locale === "ko" ? "ko-KR" : "en-US" });
  await visit.page.emulateMedia({ colorScheme: variant.theme });
  await visit.page.setViewportSize(DESKTOP);
  return visit;
}

/** Checks the page as it is now, then saves it at both widths. */
async function check(page: Page, name: string, variant: Variant): Promise<string[]> {
  const violations = (await seriousViolations(page)).map((v) => `${name}: ${v}`);
  const stem = `${ARTIFACTS}/pages/${name}-${variant.locale}-${variant.theme}`;
  await page.screenshot({ path: `${stem}-desktop.png` });
  await page.setViewportSize(PHONE);
  await page.screenshot({ path: `${stem}-phone.png` });
  violations.push(...(await seriousViolations(page)).map((v) => `${name} (phone): ${v}`));
  await page.setViewportSize(DESKTOP);
  return violations;
}

describe.each(VARIANTS)("accessibility of the chat ($locale, $theme)", (variant) => {
  it("has no serious or critical violations on the chat, a conversation and the source panel", async () => {
    const { context, page } = await visitor(variant, "minsu@acme.test");
    const chat = new ChatPage(page, variant.locale);
    const violations = await check(page, "chat", variant);

    await chat.ask(variant.locale === "ko" ? "연차 휴가는 며칠 부여되나요?" : "How many vacation days do I get per year?");
    await page.waitForURL(/\/c\//);
    violations.push(...(await check(page, "conversation", variant)));

    await chat.openCitation(1);
    violations.push(...(await check(page, "source-panel", variant)));
    await page.keyboard.press("Escape");

    // the phone's conversation drawer and header menu
    await page.setViewportSize(PHONE);
    await page.getByTestId("open-conversations").click();
    await page.getByTestId("conversation-drawer").waitFor();
    violations.push(...(await seriousViolations(page)).map((v) => `drawer: ${v}`));
    await page.screenshot({ path: `${ARTIFACTS}/pages/drawer-${variant.locale}-${variant.theme}-phone.png` });
    await page.keyboard.press("Escape");
    await page.getByTestId("phone-menu-button").click();
    await page.getByTestId("phone-menu").waitFor();
    violations.push(...(await seriousViolations(page)).map((v) => `phone menu: ${v}`));
    await page.screenshot({ path: `${ARTIFACTS}/pages/menu-${variant.locale}-${variant.theme}-phone.png` });
    await context.close();
    expect(violations).toEqual([]);
  });
});

describe("the phone and the theme switch", () => {
  it("reaches the conversations and sign-out on a 390×844 phone, and keeps a chosen dark theme", async () => {
    const { context, page } = await signedIn(browser, "acme", "alice@acme.test");
    await page.setViewportSize(PHONE);
    const chat = new ChatPage(page);
    await chat.ask("When must expense claims be submitted?");
    await page.waitForURL(/\/c\//);
    // nothing overflows the phone's width
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

    await page.getByTestId("open-conversations").click();
    const drawer = page.getByTestId("conversation-drawer");
    await drawer.getByTestId("conversation-item").first().waitFor();
    expect(await drawer.getByTestId("conversation-item").first().innerText()).toContain("When must expense claims be submitted?");
    await drawer.getByRole("link", { name: chat.text.conversations.new }).click();
    await expect.poll(() => drawer.count()).toBe(0);
    await page.waitForURL((url) => url.pathname === "/");

    await page.getByTestId("phone-menu-button").click();
    const menu = page.getByTestId("phone-menu");
    expect(await menu.getByRole("button", { name: "Sign out" }).isVisible()).toBe(true);
    await menu.getByTestId("theme-select").selectOption("dark");
    await expect.poll(() => page.locator("html").getAttribute("data-theme")).toBe("dark");
    await page.reload();
    expect(await page.locator("html").getAttribute("data-theme")).toBe("dark");
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).not.toMatch(/rgb\(248, 250, 252\)|oklch\(0\.98/); // not the light page background
    await page.screenshot({ path: `${ARTIFACTS}/pages/chat-dark-chosen-phone.png` });
    await context.close();
  });
});
