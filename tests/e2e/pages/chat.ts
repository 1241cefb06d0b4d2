import type { Page, Response } from "playwright-core";

/** The chat as a person uses it: type a question, watch the answer arrive, open its sources. */
export class ChatPage {
  constructor(readonly page: Page) {}

  /** Sends a question and waits for the answer to finish; returns the chat request's HTTP response. */
  async ask(question: string): Promise<{ response: Response; answer: string }> {
    const answers = this.page.getByTestId("answer");
    const before = await answers.count();
    const startsConversation = !new URL(this.page.url()).pathname.startsWith("/c/");
    await this.page.getByLabel("Your question").fill(question);
    const [response] = await Promise.all([this.page.waitForResponse((r) => r.url().endsWith("/api/chat")), this.page.getByRole("button", { name: "Send" }).click()]);
    await answers.nth(before).waitFor();
    await this.page.getByRole("button", { name: "Send" }).waitFor(); // Stop turns back into Send when the stream ends
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
    await this.page.locator(`a[href="${new URL(this.page.url()).pathname}"]`).first().waitFor({ state: "attached" });
  }

  lastAnswer() {
    return this.page.getByTestId("answer").last();
  }

  async openCitation(n: number): Promise<string> {
    await this.lastAnswer().getByTestId("citation").filter({ hasText: `[${n}]` }).first().click();
    const passage = this.page.getByTestId("passage-text");
    await passage.waitFor();
    return passage.innerText();
  }
}
