import { chromium, type Browser, type BrowserContext } from "playwright-core";
import { sharedAppURL } from "@/tests/e2e/support/app-server";

export const ARTIFACTS = "tests/e2e/artifacts";

/** Debian's Chromium, headless, with the flags that work as root on a machine without internet (and any `extraArgs`). */
export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      ...extraArgs,
    ],
  });
}

/**
 * A fresh browser profile (its own cookies) pointed at the app under test (or at another server of
 * it), asking for English unless told otherwise (`locale` sets Accept-Language and navigator.language).
 */
export async function newVisitor(browser: Browser, options: { baseURL?: string; locale?: string } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: options.baseURL ?? sharedAppURL(),
    viewport: { width: 1280, height: 860 },
    locale: options.locale ?? "en-US",
  });
  // Generous: on a shared machine a first request (routes compile and warm up) can take tens of seconds.
  context.setDefaultTimeout(60_000);
  return context;
}
