import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChatPage } from "@/tests/e2e/pages/chat";
import { PoliciesPage } from "@/tests/e2e/pages/policies";
import { signedIn as signedInAs } from "@/tests/e2e/pages/sign-in";
import { ARTIFACTS, launchBrowser } from "@/tests/e2e/support/browser";
import { signInOverHttp, url } from "@/tests/e2e/support/http";

// Everything here happens in the globex workspace: the chat tests use acme's policy, and they share this server.
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const signedIn = (workspace: string, email: string) => signedInAs(browser, workspace, email);

/**
 * The page's content scrolls inside the app shell, so for screenshots of the whole page (and of tall
 * sections) the window is made as tall as the content first.
 */
async function screenshotsOfWholePage(policies: PoliciesPage, name: string, regions: Record<string, string> = {}) {
  const page = policies.page;
  const height = await page.locator("main").evaluate((main) => main.scrollHeight + 80);
  await page.setViewportSize({ width: 1280, height: Math.min(height, 6000) });
  await page.screenshot({ path: `${ARTIFACTS}/${name}.png` });
  for (const [region, file] of Object.entries(regions))
    await page.getByRole("region", { name: region, exact: true }).screenshot({ path: `${ARTIFACTS}/${file}.png` });
  await page.setViewportSize({ width: 1280, height: 860 });
}

describe("guardrail policies in a real browser", () => {
  it("an admin edits rules, tries the draft in the sandbox, saves versions with reasons, and rolls back", async () => {
    // A question with an e-mail address in it leaves a verdict the policy page counts.
    const employee = await signedIn("globex", "sam@globex.test");
    await new ChatPage(employee.page).ask("My e-mail is sam@globex.test. How do I book a business trip?");
    await employee.context.close();

    const { context, page } = await signedIn("globex", "admin@globex.test");
    const policies = await PoliciesPage.open(page);
    await expect
      .poll(async () => {
        await page.reload();
        return policies.hitCount("E-mail address");
      })
      .toContain("1 in 7 days · 1 in 30 days");
    await page.screenshot({ path: `${ARTIFACTS}/policies-editor.png` });

    // A first version: questions about mergers are refused (the term is Korean; English works alike).
    await policies.blockTopics(["인수합병", "layoffs"]);
    const first = await policies.save("Block questions about mergers and layoffs until the announcement");
    expect(await policies.version(first).innerText()).toContain("Active");
    expect(await policies.changesOf(first)).toContain("+ 인수합병");

    // An invalid limit is shown beside its field and cannot be saved.
    await policies.limit("Questions per minute, per person").fill("0");
    await expect.poll(() => page.getByRole("alert").filter({ hasText: "whole number from 1" }).count()).toBe(1);
    expect(await page.getByText("1 problem to fix before this policy can be saved").isVisible()).toBe(true);
    await policies.limit("Questions per minute, per person").fill("30");

    // E-mail addresses masked instead of redacted, tried in the sandbox before saving.
    await policies.setAction("E-mail address", "Mask");
    await page.getByText("2 unsaved changes").click();
    await page.screenshot({ path: `${ARTIFACTS}/policies-unsaved.png` });
    const question = "제 이메일은 jiwoo.lee@globex.test 입니다. 인수합병은 언제 발표되나요?";
    const report = await policies.tryInSandbox("Question", question);
    expect(report.effects).toContain("email → mask");
    expect(report.effects).toContain("topics → block (question refused)");
    expect(report.marks).toEqual(["EMAIL:jiwoo.lee@globex.test", "BLOCKED_TOPIC:인수합병"]);
    expect(report.outcome).toContain("Question refused");
    expect(report.after).toContain("조직의 정책에 따라");
    await screenshotsOfWholePage(policies, "policies-draft", { Sandbox: "policies-sandbox-question", "Blocked topics": "policies-topics" });

    // Flipping a rule reruns the sandbox on the draft: a rule on trial only says what it would have done.
    await policies.setTrial("E-mail address", true);
    await policies.setTrial("Blocked topics", true);
    await expect.poll(async () => (await policies.sandboxReport()).effects).toContain("in shadow mode: would have masked");
    const trial = await policies.sandboxReport();
    expect(trial.effects).toContain("in shadow mode: would have refused the question");
    expect(trial.after).toBe(question);
    await policies.setTrial("E-mail address", false);
    await policies.setTrial("Blocked topics", false);
    await expect.poll(async () => (await policies.sandboxReport()).after).toContain("조직의 정책에 따라");

    // An answer: personal data redacted by the answer rule; with sources, unsupported sentences flagged.
    const answer = await policies.tryInSandbox("Answer", "Write to jiwoo.lee@globex.test for the lab key.");
    expect(answer.effects).toEqual(["pii → redact"]);
    expect(answer.after).toBe("Write to [EMAIL] for the lab key.");
    await page.getByRole("button", { name: "Answer with personal data" }).click();
    await expect.poll(async () => (await policies.sandboxReport()).effects).toContain("groundedness → flag (shown with a warning)");
    expect((await policies.sandboxReport()).outcome).toContain("Answer shown with a warning");
    await screenshotsOfWholePage(policies, "policies-draft-answer", { Sandbox: "policies-sandbox-answer" });

    const second = await policies.save("Mask e-mail addresses instead of redacting them; 30 questions a minute");
    expect(second).toBe(first + 1);
    expect(await policies.version(second).innerText()).toContain("Active");
    expect(await policies.version(first).innerText()).not.toContain("Active");
    const changes = await policies.changesOf(second);
    expect(changes).toContain("Personal data in questions › E-mail address · action");
    expect(changes).toMatch(/Redact\s*→\s*Mask/);
    expect(changes).toMatch(/Questions per minute, per person\s*20\s*→\s*30/);
    expect(await policies.version(second).innerText()).toContain("Grace Admin <admin@globex.test>");
    expect(await page.getByTestId("active-policy").innerText()).toContain(`version ${second}`);
    await screenshotsOfWholePage(policies, "policies-page", { "Version history": "policies-history" });

    // Roll back to the first version: it is active again and the form shows its rules.
    await policies.makeActive(first);
    expect(await policies.version(second).innerText()).not.toContain("Active");
    await expect.poll(() => policies.action("E-mail address").inputValue()).toBe("redact");
    expect(await page.getByTestId("active-policy").innerText()).toContain(`version ${first}`);
    expect(await page.getByText(/Saved as version/).count()).toBe(0);
    await page.screenshot({ path: `${ARTIFACTS}/policies-rolled-back.png` });
    await context.close();
  });

  it("shows an employee that the page is not for them", async () => {
    const { context, page } = await signedIn("globex", "sam@globex.test");
    await page.goto("/admin/policies");
    expect(await page.getByTestId("forbidden").innerText()).toContain("It needs the admin role");
    await context.close();
  });

  it("answers 401 without a session and 403 to an employee on every policy endpoint", async () => {
    const employee = await signInOverHttp("globex", "sam@globex.test");
    const endpoints = [
      ["GET", "/api/policies"],
      ["POST", "/api/policies"],
      ["POST", "/api/policies/1/activate"],
      ["POST", "/api/policies/sandbox"],
      ["GET", "/api/policies/stats"],
    ] as const;
    for (const [method, path] of endpoints) {
      const body = method === "POST" ? "{}" : undefined;
      const headers = { "content-type": "application/json" };
      expect((await fetch(url(path), { method, headers, body })).status, `${method} ${path} without a session`).toBe(401);
      expect((await fetch(url(path), { method, headers: { ...headers, cookie: employee }, body })).status, `${method} ${path} as an employee`).toBe(403);
    }
  });
});
