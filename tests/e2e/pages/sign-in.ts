import type { Browser, BrowserContext, Page } from "playwright-core";
import { newVisitor } from "@/tests/e2e/support/browser";
import { DEMO_PASSWORD } from "@/prisma/seed";

export class SignInPage {
  constructor(readonly page: Page) {}

  static async open(context: BrowserContext, path = "/"): Promise<SignInPage> {
    const page = await context.newPage();
    await page.goto(path);
    await page.waitForURL(/\/signin/);
    return new SignInPage(page);
  }

  // Fields by name, not label, so a visitor whose browser asks for Korean signs in the same way.
  async signIn(workspace: string, email: string, password = DEMO_PASSWORD): Promise<void> {
    await this.page.locator("input[name=workspace]").fill(workspace);
    await this.page.locator("input[name=email]").fill(email);
    await this.page.locator("input[name=password]").fill(password);
    await this.page.locator("form button[type=submit]").click();
  }

  error() {
    return this.page.locator("main [role=alert]");
  }
}

/** A new visitor (own cookies) signed in as the given person, on the chat page. */
export async function signedIn(
  browser: Browser,
  workspace: string,
  email: string,
  options: { baseURL?: string; locale?: string } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newVisitor(browser, options);
  const signIn = await SignInPage.open(context);
  await signIn.signIn(workspace, email);
  await signIn.page.waitForURL((url) => url.pathname === "/");
  return { context, page: signIn.page };
}
