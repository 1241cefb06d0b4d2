import type { Locator, Page } from "playwright-core";

/** The people page as an admin uses it: add people, change roles and groups, deactivate, send password links. */
export class PeoplePage {
  constructor(readonly page: Page) {}

  static async open(page: Page): Promise<PeoplePage> {
    await page.goto("/admin/people");
    await page.getByRole("heading", { name: "People", exact: true }).waitFor();
    return new PeoplePage(page);
  }

  /** Adds someone and returns the one-time link the page shows. */
  async add(person: { email: string; name: string; role?: string; groups?: string[] }): Promise<string> {
    await this.page.getByRole("button", { name: "Add a person" }).click();
    const form = this.page.getByRole("form", { name: "Add a person" });
    await form.getByLabel("E-mail").fill(person.email);
    await form.getByLabel("Name").fill(person.name);
    if (person.role) await form.getByLabel("Role").selectOption(person.role);
    for (const group of person.groups ?? []) await form.getByRole("checkbox", { name: group, exact: true }).check();
    await form.getByRole("button", { name: "Add", exact: true }).click();
    return this.welcomeLink();
  }

  async welcomeLink(): Promise<string> {
    const notice = this.page.getByTestId("welcome-link");
    await notice.waitFor();
    const link = await notice.getByLabel("One-time link").inputValue();
    await notice.getByRole("button", { name: "Done" }).click();
    return link;
  }

  async search(text: string): Promise<void> {
    await this.page.getByRole("searchbox", { name: "Search" }).fill(text);
  }

  row(email: string): Locator {
    return this.page.locator(`[data-testid="person"][data-email="${email}"]`);
  }

  notice(): Locator {
    return this.page.getByTestId("people-notice");
  }

  async setRole(email: string, role: string): Promise<void> {
    await this.page.getByLabel(`Role of ${email}`).selectOption(role);
  }

  async select(emails: string[]): Promise<void> {
    for (const email of emails) await this.page.getByLabel(`Select ${email}`).check();
  }

  async bulk(action: "Add to group" | "Remove from group", group: string): Promise<void> {
    const bar = this.page.getByTestId("bulk-actions");
    await bar.getByLabel("Group for the selected people").selectOption({ label: group });
    await bar.getByRole("button", { name: action }).click();
  }

  async createGroup(name: string): Promise<void> {
    await this.page.getByLabel("New group name").fill(name);
    await this.page.getByRole("form", { name: "New group" }).getByRole("button", { name: "Create" }).click();
  }

  groups(): Locator {
    return this.page.getByTestId("groups");
  }
}

/** The page a one-time link opens: the person chooses their password. */
export async function choosePassword(page: Page, link: string, password: string): Promise<void> {
  await page.goto(link);
  await page.getByLabel("New password").fill(password);
  await page.getByLabel("The same password again").fill(password);
  await page.getByRole("button", { name: "Set password" }).click();
}
