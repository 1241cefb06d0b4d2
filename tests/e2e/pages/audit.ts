import type { Page } from "playwright-core";

export class AuditPage {
  constructor(readonly page: Page) {}

  static async open(page: Page): Promise<AuditPage> {
    await page.goto("/audit");
    await page.getByRole("heading", { name: "Audit log" }).waitFor();
    return new AuditPage(page);
  }

  rowFor(question: string) {
    return this.page.getByTestId("decision-row").filter({ hasText: question });
  }

  async openRecord(question: string): Promise<string> {
    await this.rowFor(question).first().getByRole("link").click();
    const detail = this.page.getByTestId("decision-detail");
    await detail.waitFor();
    return detail.innerText();
  }
}
