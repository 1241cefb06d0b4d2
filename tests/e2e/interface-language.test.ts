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

describe("the interface language", () => {
  it("follows a Korean browser: Korean interface, lang=ko, Korean page titles", async () => {
    const { context, page } = await signedIn(browser, "acme", "minsu@acme.test", { locale: "ko-KR" });
    const chat = new ChatPage(page, "ko");
    expect(await page.locator("html").getAttribute("lang")).toBe("ko");
    await expect.poll(() => page.title()).toBe("채팅 · Lore"); // the title may be streamed in after the page
    expect(await page.getByRole("navigation", { name: chat.text.shell.sections }).innerText()).toContain("채팅");
    expect(await page.getByRole("button", { name: "로그아웃" }).count()).toBe(1);

    const { answer } = await chat.ask("연차 휴가는 며칠 부여되나요?");
    expect(answer).toContain("15일");
    // the no-model notice is said once, in the question's language
    expect(answer.split("언어 모델이 설정되지 않았습니다").length).toBe(2);
    await page.screenshot({ path: `${ARTIFACTS}/chat-korean-interface.png`, fullPage: true });
    await context.close();
  });

  it("follows an English browser with lang=en", async () => {
    const { context, page } = await signedIn(browser, "acme", "alice@acme.test", { locale: "en-GB" });
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await expect.poll(() => page.title()).toBe("Chat · Lore");
    expect(await page.getByLabel("Your question", { exact: true }).count()).toBe(1);
    await context.close();
  });

  it("keeps the reader's own choice over the browser's, in this browser and in any other they sign in from", async () => {
    const { context, page } = await signedIn(browser, "globex", "jiwoo@globex.test", { locale: "ko-KR" });
    expect(await page.locator("html").getAttribute("lang")).toBe("ko");
    await page.getByTestId("language-select").selectOption("en");
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("en");
    await page.getByRole("button", { name: "Send", exact: true }).waitFor();
    await page.reload();
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(await page.getByRole("button", { name: "Sign out" }).count()).toBe(1);
    await context.close();

    // another computer, whose browser asks for Korean: the person's choice follows them
    const elsewhere = await signedIn(browser, "globex", "jiwoo@globex.test", { locale: "ko-KR" });
    expect(await elsewhere.page.locator("html").getAttribute("lang")).toBe("en");
    expect(await elsewhere.page.getByRole("button", { name: "Send", exact: true }).count()).toBe(1);
    await elsewhere.context.close();
  });

  it("lets a keyboard user skip to the main content", async () => {
    const { context, page } = await signedIn(browser, "acme", "alice@acme.test");
    const skip = page.getByRole("link", { name: "Skip to main content" });
    // first in the tab order, so a keyboard user meets it before anything else
    const firstFocusable = await page.evaluate(
      () => document.querySelector("a[href], button, input, select, textarea, [tabindex]:not([tabindex='-1'])")?.textContent,
    );
    expect(firstFocusable).toBe("Skip to main content");
    await skip.focus();
    expect(await skip.isVisible()).toBe(true);
    await page.keyboard.press("Enter");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("main");
    await context.close();
  });
});
