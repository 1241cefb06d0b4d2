import type { Page, Response } from "playwright-core";
import type { Locale } from "@/lib/i18n/locales";
import en from "@/lib/i18n/messages/en.json";
import ko from "@/lib/i18n/messages/ko.json";

/** The chat as a person uses it: type a question, watch the answer arrive, open its sources. */
export class ChatPage {
  /** The interface's words in the language the page is shown in. */
  readonly text: typeof en;

  constructor(
    readonly page: Page,
    locale: Locale = "en",
  ) {
    this.text = locale === "ko" ? ko : en;
  }

  /** Sends a question and waits for the answer to finish; returns the chat request's HTTP response. */
  async ask(question: string): Promise<{ response: Response; answer: string }> {
    const answers = this.page.getByTestId("answer");
    const before = await answers.count();
    await this.page.getByLabel(this.text.composer.label, { exact: true }).fill(question);
    const send = this.page.getByRole("button", { name: this.text.composer.send, exact: true });
    const [response] = await Promise.all([this.page.waitForResponse((r) => r.url().endsWith("/api/chat")), send.click()]);
    await answers.nth(before).waitFor();
    await send.waitFor(); // Stop turns back into Send when the stream ends
    return { response, answer: (await answers.nth(before).innerText()).trim() };
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
