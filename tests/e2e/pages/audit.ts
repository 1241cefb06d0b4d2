import type { Page } from "playwright-core";

/** The audit console, as an auditor uses it (English labels). */
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

  /** Fills in the filter and applies it (the form reloads the page with the filter in its URL). */
  async search(filter: { words?: string; outcome?: string }): Promise<void> {
    const form = this.page.getByTestId("audit-filter");
    if (filter.words !== undefined) await form.getByLabel("Words in the question or answer").fill(filter.words);
    if (filter.outcome !== undefined) await form.getByLabel("Outcome").selectOption({ label: filter.outcome });
    const applied = (url: URL) =>
      url.pathname === "/audit" &&
      (filter.words === undefined || url.searchParams.get("q") === filter.words) &&
      (filter.outcome === undefined || url.searchParams.has("outcome"));
    await Promise.all([this.page.waitForURL(applied), form.getByRole("button", { name: "Apply" }).click()]);
    await this.page.getByRole("heading", { name: "Audit log" }).waitFor();
  }
}
