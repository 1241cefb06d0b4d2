import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChatPage } from "@/tests/e2e/pages/chat";
import { signedIn } from "@/tests/e2e/pages/sign-in";
import { ARTIFACTS, launchBrowser } from "@/tests/e2e/support/browser";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe("chat controls", () => {
  it("regenerates an answer and edits a question; the server keeps what the chat shows", async () => {
    const { context, page } = await signedIn(browser, "acme", "minsu@acme.test");
    const chat = new ChatPage(page);

    await chat.ask("How many days of sick leave need a doctor's certificate?");
    expect(await chat.lastAnswer().innerText()).toContain("doctor's certificate");

    const [regenerated] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith("/api/chat")),
      page.getByRole("button", { name: "Regenerate" }).click(),
    ]);
    expect(regenerated.status()).toBe(200);
    await page.getByRole("button", { name: "Send" }).waitFor();
    await expect.poll(() => page.getByTestId("answer").count()).toBe(1);

    await page.getByTestId("question").hover();
    await page.getByTestId("question").getByRole("button", { name: "Edit" }).click();
    await page.getByLabel("Edit your question").fill("When must expense claims be submitted?");
    await Promise.all([page.waitForResponse((r) => r.url().endsWith("/api/chat")), page.getByRole("button", { name: "Save and ask again" }).click()]);
    await page.getByRole("button", { name: "Send" }).waitFor();
    await expect.poll(() => chat.lastAnswer().innerText()).toContain("30 days");
    await page.screenshot({ path: `${ARTIFACTS}/chat-edited.png`, fullPage: true });

    await page.waitForURL(/\/c\//);
    await page.reload();
    await expect.poll(() => page.getByTestId("question").locator("p").allInnerTexts()).toEqual(["When must expense claims be submitted?"]);
    expect(await page.getByTestId("answer").count()).toBe(1);
    expect(await chat.lastAnswer().innerText()).toContain("30 days");
    await context.close();
  });
});
