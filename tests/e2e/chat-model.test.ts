import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChatPage } from "@/tests/e2e/pages/chat";
import { signedIn } from "@/tests/e2e/pages/sign-in";
import { E2E_AUTH_SECRET } from "@/tests/e2e/global-setup";
import { startBuiltApp, type RunningApp } from "@/tests/e2e/support/app-server";
import { ARTIFACTS, launchBrowser } from "@/tests/e2e/support/browser";
import { startChatServer, type ChatServer } from "@/tests/support/openai-chat-server";

/** The chat with a language model (a local OpenAI-compatible server): what only a streamed model answer shows. */
let browser: Browser;
let llm: ChatServer;
let app: RunningApp;

beforeAll(async () => {
  llm = await startChatServer();
  app = await startBuiltApp({ AUTH_SECRET: E2E_AUTH_SECRET, LLM_BASE_URL: llm.baseURL, LLM_MODEL: "test-model", LLM_API_KEY: "sk-test" }, "chat-model-server");
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await llm?.close();
});

const QUESTION = "How many vacation days do I get per year?";

describe("a model's answers in the chat", () => {
  it("lists only the sources the answer cites, in citation order, and highlights and copies code", async () => {
    llm.behaviour = "answer";
    llm.reply = [
      "Every employee gets **25 vacation days** [2], and unused days carry over [1].",
      "",
      "```python",
      "def vacation_days():",
      "    return 25",
      "```",
    ].join("\n");
    const { context, page } = await signedIn(browser, "acme", "alice@acme.test", { baseURL: app.baseURL });
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const chat = new ChatPage(page);
    await chat.ask(QUESTION);
    const answer = chat.lastAnswer();
    // the model was offered more passages than it cited
    const offered =
      (llm.requests.at(-1)?.messages ?? [])
        .map((m) => m.content)
        .join("\n")
        .match(/\[\d+\]/g) ?? [];
    expect(new Set(offered).size).toBeGreaterThan(2);
    expect((await answer.getByTestId("source").allInnerTexts()).map((s) => s.slice(0, 3))).toEqual(["[2]", "[1]"]);

    expect(await answer.locator("pre .hljs-keyword").first().innerText()).toBe("def");
    await answer.getByTestId("copy-code").click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("def vacation_days():\n    return 25");
    await answer.getByTestId("copy-answer").click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain("Every employee gets **25 vacation days** [2]");
    await page.screenshot({ path: `${ARTIFACTS}/chat-model-answer.png`, fullPage: true });
    await context.close();
  });

  it("regenerates an answer and keeps the earlier one as a version to switch to, after a reload too", async () => {
    llm.behaviour = "answer";
    llm.reply = "First version: 25 days [1].";
    const { context, page } = await signedIn(browser, "acme", "bob@acme.test", { baseURL: app.baseURL });
    const chat = new ChatPage(page);
    await chat.ask(QUESTION);
    llm.reply = "Second version: twenty-five days [1].";
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith("/api/chat")),
      chat.lastAnswer().getByRole("button", { name: chat.text.answer.regenerate }).click(),
    ]);
    await chat.sendButton().waitFor();
    await expect.poll(() => chat.lastAnswer().innerText()).toContain("Second version");
    const versions = chat.lastAnswer().getByTestId("versions");
    expect(await versions.innerText()).toContain("Answer 2 of 2");
    await versions.getByRole("button", { name: chat.text.answer.previousVersion }).click();
    await expect.poll(() => chat.lastAnswer().innerText()).toContain("First version");

    await page.waitForURL(/\/c\//);
    await page.reload();
    await expect.poll(() => chat.lastAnswer().getByTestId("versions").innerText()).toContain("Answer 2 of 2");
    expect(await chat.lastAnswer().innerText()).toContain("Second version");
    expect(await page.getByTestId("answer").count()).toBe(1);
    await context.close();
  });

  it("stops a streaming answer and marks it stopped, also after a reload", async () => {
    llm.behaviour = "stall-mid-stream";
    llm.reply = "Every employee gets twenty five vacation days every year [1].";
    const { context, page } = await signedIn(browser, "acme", "minsu@acme.test", { baseURL: app.baseURL });
    const chat = new ChatPage(page);
    const asked = llm.requests.length;
    await chat.questionBox().fill(QUESTION);
    await chat.sendButton().click();
    // the model has sent its first words and stalls (the output checks hold text back until a sentence ends)
    await chat.lastAnswer().and(page.locator("[aria-busy=true]")).waitFor();
    await expect.poll(() => llm.requests.length).toBeGreaterThan(asked);
    await page.getByRole("button", { name: chat.text.composer.stop, exact: true }).click();
    await chat.sendButton().waitFor();
    expect(await chat.lastAnswer().getByTestId("stopped-note").innerText()).toContain(chat.text.answer.stopped);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("question");

    await page.waitForURL(/\/c\//);
    // the stored answer is written once the server has seen the stop
    await expect
      .poll(async () => {
        await page.reload();
        await chat.lastAnswer().waitFor();
        return chat.lastAnswer().getByTestId("stopped-note").count();
      })
      .toBe(1);
    llm.behaviour = "answer";
    await context.close();
  });
});
