import type { Browser, Page, Route } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChatPage } from "@/tests/e2e/pages/chat";
import { signedIn } from "@/tests/e2e/pages/sign-in";
import { ARTIFACTS, launchBrowser } from "@/tests/e2e/support/browser";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? null);

/** How far the messages are from their end: 0 means the newest line is in view. */
const distanceFromEnd = (page: Page) => page.getByTestId("messages").evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);

describe("the chat an employee uses all day", () => {
  it("manages conversations: the open one marked, date groups with times, rename, search, delete with confirmation", async () => {
    const { context, page } = await signedIn(browser, "globex", "sam@globex.test");
    const chat = new ChatPage(page);
    await chat.ask("How do I book business travel?");
    await page.waitForURL(/\/c\//);
    await page.getByRole("link", { name: chat.text.conversations.new }).first().click();
    await page.waitForURL((url) => url.pathname === "/");
    await chat.ask("What is the daily allowance for meals abroad?");
    await page.waitForURL(/\/c\//);

    const open = chat.conversationItem("What is the daily allowance for meals abroad?");
    await expect.poll(() => open.getByRole("link").getAttribute("aria-current")).toBe("page");
    expect(await chat.conversationItem("How do I book business travel?").getByRole("link").getAttribute("aria-current")).toBeNull();
    const today = chat.conversations().getByRole("region", { name: chat.text.conversations.groups.today });
    expect(await today.getByTestId("conversation-item").count()).toBeGreaterThanOrEqual(2);
    expect(await open.locator("time").innerText()).toMatch(/\d{1,2}:\d{2}/);

    await chat.renameConversation("What is the daily allowance for meals abroad?", "Per diem abroad");
    await expect.poll(() => chat.conversationItem("Per diem abroad").count()).toBe(1);
    await page.reload();
    // Next.js may stream the title in after the page: wait for it.
    await expect.poll(() => page.title()).toBe("Per diem abroad · Lore");

    // search finds titles and the words of answers, on the server
    await chat.search("per diem");
    await expect.poll(() => chat.conversations().getByTestId("conversation-item").allInnerTexts()).toEqual([expect.stringContaining("Per diem abroad")]);
    // Other tests' conversations of this person may match too (sam also asks about travel elsewhere):
    // every match shows the words found, this one among them, and the conversation without them is gone.
    await chat.search("80 USD");
    await expect
      .poll(() => chat.conversations().getByTestId("conversation-item").allInnerTexts())
      .toContainEqual(expect.stringMatching(/Per diem abroad[\s\S]*80 USD/));
    const matches = await chat.conversations().getByTestId("conversation-item").allInnerTexts();
    expect(matches.every((text) => text.includes("80 USD"))).toBe(true);
    expect(matches.some((text) => text.includes("How do I book business travel?"))).toBe(false);
    await chat.search("zebra crossing");
    await expect.poll(() => chat.conversations().innerText()).toContain("No conversation matches");
    await chat.conversations().getByTestId("conversation-search").fill("");
    await page.screenshot({ path: `${ARTIFACTS}/chat-conversations.png` });

    await chat.deleteConversation("Per diem abroad");
    await page.waitForURL((url) => url.pathname === "/");
    await expect.poll(() => chat.conversationItem("Per diem abroad").count()).toBe(0);
    expect(await chat.conversationItem("How do I book business travel?").count()).toBe(1);
    await context.close();
  });

  it("follows the answer, offers a jump to the latest, and reopens a conversation at its end; the question box keeps focus", async () => {
    const { context, page } = await signedIn(browser, "acme", "alice@acme.test");
    await page.setViewportSize({ width: 1280, height: 560 });
    const chat = new ChatPage(page);
    expect(await focusedId(page)).toBe("question");
    for (const question of [
      "How many vacation days do I get per year?",
      "When must expense claims be submitted?",
      "How many days of sick leave need a doctor's certificate?",
    ]) {
      await chat.ask(question);
      expect(await focusedId(page)).toBe("question");
      await expect.poll(() => distanceFromEnd(page)).toBeLessThan(50);
    }
    await page.getByTestId("messages").evaluate((el) => el.scrollTo({ top: 0 }));
    await page.getByTestId("jump-to-latest").click();
    await expect.poll(() => distanceFromEnd(page)).toBeLessThan(50);
    await expect.poll(() => page.getByTestId("jump-to-latest").count()).toBe(0);

    await page.waitForURL(/\/c\//);
    await page.reload();
    await chat.lastAnswer().waitFor();
    await expect.poll(() => distanceFromEnd(page)).toBeLessThan(50);
    await context.close();
  });

  it("stops a question while documents are searched, says so, and can ask it again", async () => {
    const { context, page } = await signedIn(browser, "acme", "minsu@acme.test");
    const chat = new ChatPage(page);
    // Hold the request in the browser so the stop lands while the answer is still being searched for.
    let release: (() => void) | null = null;
    await page.route("**/api/chat", async (route: Route) => {
      await new Promise<void>((resolve) => (release = resolve));
      await route.continue().catch(() => undefined); // aborted by the stop: nothing to continue
    });
    await chat.questionBox().fill("How many vacation days do I get per year?");
    await chat.sendButton().click();
    await page.getByTestId("searching").waitFor();
    await page.getByRole("button", { name: chat.text.composer.stop, exact: true }).click();
    await page.getByTestId("stopped-note").waitFor();
    expect(await page.getByTestId("stopped-note").innerText()).toContain(chat.text.answer.stoppedBeforeAnswer);
    expect(await page.getByText(chat.text.composer.empty).count()).toBe(0);
    expect(await chat.sendButton().isVisible()).toBe(true);
    (release as (() => void) | null)?.();
    await page.unroute("**/api/chat");

    await Promise.all([page.waitForResponse((r) => r.url().endsWith("/api/chat")), page.getByRole("button", { name: chat.text.answer.askAgain }).click()]);
    await chat.sendButton().waitFor();
    await expect.poll(() => chat.lastAnswer().innerText()).toContain("25 days");
    await context.close();
  });

  it("keeps the reader's feedback: reason and comment confirmed, shown after a reload, and changed", async () => {
    const { context, page } = await signedIn(browser, "acme", "bob@acme.test");
    const chat = new ChatPage(page);
    await chat.ask("When must expense claims be submitted?");
    const feedback = chat.lastAnswer().getByTestId("feedback");
    await feedback.getByRole("button", { name: chat.text.feedback.notHelpful, exact: true }).click();
    await feedback.getByText(chat.text.feedback.reasons.outdated).click();
    await feedback.getByLabel(chat.text.feedback.comment).fill("The deadline changed to 45 days");
    await feedback.getByLabel(chat.text.feedback.comment).press("Enter");
    await expect.poll(() => feedback.getByRole("status").innerText()).toBe(chat.text.feedback.saved);

    await page.waitForURL(/\/c\//);
    await page.reload();
    const after = chat.lastAnswer().getByTestId("feedback");
    await expect.poll(() => after.getByRole("button", { name: chat.text.feedback.notHelpful, exact: true }).getAttribute("aria-pressed")).toBe("true");
    expect(await after.getByTestId("feedback-summary").innerText()).toContain("Outdated");
    expect(await after.getByTestId("feedback-summary").innerText()).toContain("The deadline changed to 45 days");

    await after.getByRole("button", { name: chat.text.feedback.helpful, exact: true }).click();
    await expect.poll(() => after.getByRole("status").innerText()).toBe(chat.text.feedback.saved);
    await page.reload();
    await expect.poll(() => chat.lastAnswer().getByRole("button", { name: chat.text.feedback.helpful, exact: true }).getAttribute("aria-pressed")).toBe("true");
    expect(await chat.lastAnswer().getByRole("button", { name: chat.text.feedback.notHelpful, exact: true }).getAttribute("aria-pressed")).toBe("false");
    await context.close();
  });

  it("opens a source with focus, its passage structured with the used sentences marked, and the whole document", async () => {
    const { context, page } = await signedIn(browser, "acme", "alice@acme.test");
    const chat = new ChatPage(page);
    await chat.ask("How many vacation days do I get per year?");
    // only the cited sources, after the text
    const sources = chat.lastAnswer().getByTestId("source");
    expect(await sources.count()).toBeGreaterThan(0);
    expect(await sources.first().innerText()).toContain("[1]");

    const passage = await chat.openCitation(1);
    expect(passage).toContain("25 days of paid vacation");
    const panel = page.getByTestId("citation-panel");
    await expect.poll(() => focusedId(page)).toBe("source-title");
    expect(await panel.locator("mark").first().innerText()).toContain("25 days of paid vacation");
    expect(await panel.innerText()).toContain("Acme Employee Handbook");
    await page.screenshot({ path: `${ARTIFACTS}/chat-source-panel.png` });
    await page.keyboard.press("Escape");
    await expect.poll(() => panel.count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("citation");

    await chat.openCitation(1);
    await panel.getByTestId("open-document").click();
    await page.waitForURL(/\/documents\/.+#passage-/);
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("Acme Employee Handbook");
    const target = page.locator("section:target");
    expect(await target.innerText()).toContain("25 days of paid vacation");
    await page.screenshot({ path: `${ARTIFACTS}/document-view.png` });
    await context.close();
  });

  it("does not show a document the reader may not read", async () => {
    const { context, page } = await signedIn(browser, "acme", "bob@acme.test");
    const chat = new ChatPage(page);
    await chat.ask("What commission do account executives earn on closed deals?");
    await chat.lastAnswer().getByTestId("source").filter({ hasText: "Sales Compensation" }).click();
    await page.getByTestId("citation-panel").getByTestId("open-document").click();
    await page.waitForURL(/\/documents\//);
    const salesPlan = page.url();
    await context.close();

    const alice = await signedIn(browser, "acme", "alice@acme.test");
    const response = await alice.page.goto(salesPlan);
    expect(response?.status()).toBe(404);
    expect(await alice.page.content()).not.toContain("12%");
    await alice.context.close();
  });

  it("suggests questions about documents the reader may read", async () => {
    const { context, page } = await signedIn(browser, "acme", "alice@acme.test");
    const chat = new ChatPage(page);
    const starters = page.getByTestId("starter-question");
    expect(await starters.count()).toBeGreaterThan(0);
    const texts = await starters.allInnerTexts();
    expect(texts.join(" ")).not.toContain("Sales Compensation"); // alice is not in sales
    await Promise.all([page.waitForResponse((r) => r.url().endsWith("/api/chat")), starters.first().click()]);
    await chat.sendButton().waitFor();
    expect(await page.getByTestId("question").locator("p").innerText()).toBe(texts[0]);
    expect(await chat.lastAnswer().getByTestId("citation").count()).toBeGreaterThan(0);
    await context.close();
  });
});
