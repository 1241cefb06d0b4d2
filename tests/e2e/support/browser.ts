import { chromium, type Browser, type BrowserContext } from "playwright-core";
import { inject } from "vitest";

export const ARTIFACTS = "tests/e2e/artifacts";

/** Debian's Chromium, headless, with the flags that work as root on a machine without internet. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/** A fresh browser profile (its own cookies) pointed at the app under test; `locale` sets its language (Accept-Language too). */
export async function newVisitor(browser: Browser, locale = "en-US"): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: inject("baseURL"), viewport: { width: 1280, height: 860 }, locale });
  // Generous: on a shared machine a first request (routes compile and warm up) can take tens of seconds.
  context.setDefaultTimeout(60_000);
  return context;
}
