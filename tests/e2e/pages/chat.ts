import type { Page, Response } from "playwright-core";
import type { Locale } from "@/lib/i18n/locales";
import en from "@/lib/i18n/messages/en.json";
import ko from "@/lib/i18n/messages/ko.json";

/** The chat as a person uses it: type a question, watch the answer arrive, open its sources, manage conversations. */
export class ChatPage {
  /** The interface's words in the language the page is shown in. */
  readonly text: typeof en;

  constructor(
    readonly page: Page,
    locale: Locale = "en",
  ) {
    this.text = locale === "ko" ? ko : en;
  }

  questionBox() {
    return this.page.getByLabel(this.text.composer.label, { exact: true });
  }

  sendButton() {
    return this.page.getByRole("button", { name: this.text.composer.send, exact: true });
  }

  /** Sends a question and waits for the answer to finish; returns the chat request's HTTP response. */
  async ask(question: string): Promise<{ response: Response; answer: string }> {
    const answers = this.page.getByTestId("answer");
    const before = await answers.count();
    const startsConversation = !new URL(this.page.url()).pathname.startsWith("/c/");
    await this.questionBox().fill(question);
    const [response] = await Promise.all([this.page.waitForResponse((r) => r.url().endsWith("/api/chat")), this.sendButton().click()]);
    await answers.nth(before).waitFor();
    await this.sendButton().waitFor(); // Stop turns back into Send when the stream ends
    const answer = (await answers.nth(before).innerText()).trim();
    if (startsConversation) await this.conversationListed();
    return { response, answer };
  }

  /**
   * A new conversation gets its address (/c/<id>) and its entry in the conversation list once its
   * first answer ends. Until the list shows it the page may still be re-rendering from the server,
   * and a click made meanwhile can be lost (seen under load: a Regenerate request aborted, a source
   * panel closed again), so a person's next action waits for it.
   */
  private async conversationListed(): Promise<void> {
    await this.page.waitForURL(/\/c\/[0-9a-f-]{36}$/);
    await this.page
      .locator(`a[href="${new URL(this.page.url()).pathname}"]`)
      .first()
      .waitFor({ state: "attached" });
  }

  lastAnswer() {
    return this.page.getByTestId("answer").last();
  }

  async openCitation(n: number): Promise<string> {
    await this.lastAnswer()
      .getByTestId("citation")
      .filter({ hasText: `[${n}]` })
      .first()
      .click();
    const passage = this.page.getByTestId("citation-panel").getByTestId("passage-text");
    await passage.waitFor();
    return passage.innerText();
  }

  /** The conversation list that is on screen (the sidebar, or the drawer on a phone). */
  conversations() {
    return this.page.getByRole("navigation", { name: this.text.conversations.label }).filter({ visible: true });
  }

  conversationItem(title: string) {
    return this.conversations().getByTestId("conversation-item").filter({ hasText: title });
  }

  async renameConversation(from: string, to: string): Promise<void> {
    const item = this.conversationItem(from).first();
    await item.hover();
    await item.getByRole("button", { name: `${this.text.conversations.rename}: ${from}` }).click();
    const box = this.conversations().getByLabel(this.text.conversations.renameLabel);
    await box.fill(to);
    await Promise.all([this.page.waitForResponse((r) => r.url().includes("/api/conversations/") && r.request().method() === "PATCH"), box.press("Enter")]);
  }

  async deleteConversation(title: string): Promise<void> {
    const item = this.conversationItem(title).first();
    await item.hover();
    await item.getByRole("button", { name: `${this.text.conversations.delete}: ${title}` }).click();
    const dialog = this.page.getByRole("dialog", { name: this.text.conversations.deleteTitle });
    await Promise.all([
      this.page.waitForResponse((r) => r.url().includes("/api/conversations/") && r.request().method() === "DELETE"),
      dialog.getByRole("button", { name: this.text.conversations.delete, exact: true }).click(),
    ]);
  }

  async search(query: string): Promise<void> {
    await Promise.all([
      this.page.waitForResponse((r) => r.url().includes("/api/conversations?q=")),
      this.conversations().getByTestId("conversation-search").fill(query),
    ]);
  }
}
