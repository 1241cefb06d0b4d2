import type { Page } from "playwright-core";

export type SandboxKindLabel = "Question" | "Document" | "Answer";

/** The policy page as an administrator uses it: edit rules, try them in the sandbox, save, roll back. */
export class PoliciesPage {
  constructor(readonly page: Page) {}

  static async open(page: Page): Promise<PoliciesPage> {
    await page.goto("/admin/policies");
    await page.getByRole("heading", { name: "Policies", exact: true }).waitFor();
    return new PoliciesPage(page);
  }

  /** "12 in 7 days · 40 in 30 days" beside a rule, or that it had no hits. */
  hitCount(rule: string): Promise<string> {
    return this.page.locator(`[data-testid="rule-row"][data-rule="${rule}"]`).getByTestId("hit-count").innerText();
  }

  async setAction(rule: string, optionLabel: string): Promise<void> {
    await this.page.getByLabel(`Action for ${rule}`, { exact: true }).selectOption({ label: optionLabel });
  }

  action(rule: string) {
    return this.page.getByLabel(`Action for ${rule}`, { exact: true });
  }

  async setTrial(rule: string, on: boolean): Promise<void> {
    const trial = this.page.getByRole("switch", { name: `Trial (shadow) for ${rule}`, exact: true });
    if ((await trial.getAttribute("aria-checked")) !== String(on)) await trial.click();
  }

  async blockTopics(terms: string[]): Promise<void> {
    const enabled = this.page.getByRole("switch", { name: "Blocked topics: on", exact: true });
    if ((await enabled.getAttribute("aria-checked")) !== "true") await enabled.click();
    await this.page.getByLabel("Blocked terms").fill(terms.join("\n"));
  }

  limit(label: string) {
    return this.page.getByLabel(label);
  }

  saveButton() {
    return this.page.getByRole("button", { name: /^Save as version/ });
  }

  /** Saves the form with a reason and returns the number of the version it became. */
  async save(reason: string): Promise<number> {
    await this.page.getByLabel("Reason for the change").fill(reason);
    await this.saveButton().click();
    const saved = this.page.getByRole("status").filter({ hasText: /Saved as version \d+/ });
    await saved.waitFor();
    return Number(/Saved as version (\d+)/.exec(await saved.innerText())![1]);
  }

  version(version: number) {
    return this.page.locator(`[data-testid="policy-version"][data-version="${version}"]`);
  }

  async changesOf(version: number): Promise<string> {
    return this.version(version).getByTestId("policy-changes").innerText();
  }

  /** Makes an older version active through the confirmation dialog, and waits until the page shows it. */
  async makeActive(version: number): Promise<void> {
    await this.version(version).getByRole("button", { name: "Make active" }).click();
    const dialog = this.page.getByRole("dialog", { name: `Make version ${version} active?` });
    await dialog.getByRole("button", { name: `Make version ${version} active` }).click();
    await this.version(version).getByText("Active", { exact: true }).waitFor();
  }

  /** Pastes a text into the sandbox as the given kind, runs it on the current form, and reads the report. */
  async tryInSandbox(kind: SandboxKindLabel, text: string) {
    const sandbox = this.page.getByRole("region", { name: "Sandbox" });
    await sandbox.getByText(kind, { exact: true }).click();
    await sandbox.getByLabel("Text to check").fill(text);
    await sandbox.getByRole("button", { name: "Check text" }).click();
    await sandbox.getByTestId("sandbox-result").waitFor();
    await sandbox.getByRole("button", { name: "Check text" }).waitFor(); // "Checking…" turns back when done
    return this.sandboxReport();
  }

  async sandboxReport() {
    const sandbox = this.page.getByRole("region", { name: "Sandbox" });
    return {
      outcome: await sandbox.getByTestId("sandbox-outcome").innerText(),
      effects: await sandbox.getByTestId("sandbox-effect").allInnerTexts(),
      marks: await sandbox
        .getByTestId("sandbox-highlighted")
        .locator("mark")
        .evaluateAll((marks) =>
          marks.map(
            (m) =>
              `${m.getAttribute("data-type")}:${[...m.childNodes]
                .slice(0, -1)
                .map((n) => n.textContent)
                .join("")}`,
          ),
        ),
      after: await sandbox.getByTestId("sandbox-after").innerText(),
    };
  }
}
