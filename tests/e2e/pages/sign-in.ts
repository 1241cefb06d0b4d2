import type { BrowserContext, Page } from "playwright-core";
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
