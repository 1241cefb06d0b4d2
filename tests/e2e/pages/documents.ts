import type { Locator, Page } from "playwright-core";

export type UploadFile = { name: string; mimeType: string; buffer: Buffer };
type Readers = { groups: string[] } | "everyone";

/** The documents page as an admin uses it: upload files, watch them get indexed, change readers, delete. */
export class DocumentsPage {
  constructor(readonly page: Page) {}

  static async open(page: Page): Promise<DocumentsPage> {
    await page.goto("/admin/documents");
    await page.getByRole("heading", { name: "Documents", exact: true }).waitFor();
    return new DocumentsPage(page);
  }

  static markdown(name: string, text: string): UploadFile {
    return { name, mimeType: "text/markdown", buffer: Buffer.from(text) };
  }

  /** Chooses the files (several at once), their readers, uploads them, and returns one message per file. */
  async upload(files: UploadFile[], readers: Readers = "everyone"): Promise<string[]> {
    const form = this.page.getByRole("form", { name: "Upload documents" });
    await form.locator('input[type="file"]').setInputFiles(files);
    await this.choose(form, readers);
    await form.getByRole("button", { name: /^Upload/ }).click();
    const results = form.getByRole("list", { name: "Upload results" });
    await results.waitFor();
    return results.locator("li").allInnerTexts();
  }

  /**
   * Starts noting whether the page ever shows an indexing progress bar (indexing may be over between
   * two looks); returns how to ask.
   */
  async watchForProgress(): Promise<() => Promise<boolean>> {
    await this.page.evaluate(() => {
      const seen = window as unknown as { loreSawProgress: boolean };
      seen.loreSawProgress = false;
      new MutationObserver(() => {
        if (document.querySelector('[role="progressbar"]')) seen.loreSawProgress = true;
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    return () => this.page.evaluate(() => (window as unknown as { loreSawProgress: boolean }).loreSawProgress);
  }

  row(fileName: string): Locator {
    return this.page.getByTestId("document-row").filter({ hasText: fileName });
  }

  status(fileName: string): Promise<string> {
    return this.row(fileName).getByTestId("document-status").innerText();
  }

  /** Waits (the page polls while anything is being indexed) until the document has this status. */
  async waitForStatus(fileName: string, status: string, timeout = 60_000): Promise<void> {
    await this.row(fileName)
      .getByTestId("document-status")
      .filter({ hasText: new RegExp(`^${status}$`) })
      .waitFor({ timeout });
  }

  async changeReaders(fileName: string, readers: Readers): Promise<string> {
    const row = this.row(fileName);
    await row.getByRole("button", { name: "Change readers" }).click();
    const editor = this.page.getByRole("form", { name: /^Readers of / });
    await this.choose(editor, readers);
    await editor.getByRole("button", { name: "Save readers" }).click();
    const notice = row.getByRole("status");
    await notice.waitFor();
    return notice.innerText();
  }

  async delete(fileName: string): Promise<void> {
    const row = this.row(fileName);
    await row.getByRole("button", { name: "Delete" }).click();
    await row.getByRole("button", { name: "Confirm delete" }).click();
    await row.waitFor({ state: "detached" });
  }

  private async choose(scope: Locator, readers: Readers): Promise<void> {
    if (readers === "everyone") {
      await scope.getByLabel("Everyone in the workspace").check();
      return;
    }
    await scope.getByLabel("Only chosen groups and people").check();
    for (const group of readers.groups) await scope.getByLabel(group, { exact: true }).check();
  }
}
