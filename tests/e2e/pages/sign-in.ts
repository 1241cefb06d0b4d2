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

  async signIn(workspace: string, email: string, password = DEMO_PASSWORD): Promise<void> {
    await this.page.getByLabel("Workspace").fill(workspace);
    await this.page.getByLabel("Email").fill(email);
    await this.page.getByLabel("Password").fill(password);
    await this.page.getByRole("button", { name: "Sign in" }).click();
  }

  error() {
    return this.page.locator("main [role=alert]");
  }
}

/** A new visitor (own cookies, the browser language `locale`) signed in as the given person, on the chat page. */
export async function signedIn(browser: Browser, workspace: string, email: string, locale?: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newVisitor(browser, locale);
  const signIn = await SignInPage.open(context);
  await signIn.signIn(workspace, email);
  await signIn.page.waitForURL((url) => url.pathname === "/");
  return { context, page: signIn.page };
}
