import type { Page } from "playwright-core";

export class DocumentsPage {
  constructor(readonly page: Page) {}

  static async open(page: Page): Promise<DocumentsPage> {
    await page.goto("/admin/documents");
    await page.getByRole("heading", { name: "Documents" }).waitFor();
    return new DocumentsPage(page);
  }

  /** Uploads a file readable only by the named groups (or everyone) and returns the form's message. */
  async upload(file: { name: string; text: string }, readers: { groups: string[] } | "everyone"): Promise<string> {
    const form = this.page.getByRole("form", { name: "Upload a document" });
    await form.locator('input[type="file"]').setInputFiles({ name: file.name, mimeType: "text/markdown", buffer: Buffer.from(file.text) });
    if (readers !== "everyone") {
      await form.getByLabel("Only chosen groups and people").check();
      for (const group of readers.groups) await form.getByLabel(group, { exact: true }).check();
    }
    await form.getByRole("button", { name: "Upload" }).click();
    const message = form.getByRole("status").or(form.getByRole("alert"));
    await message.waitFor();
    return message.innerText();
  }
}
