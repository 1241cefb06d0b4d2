import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuditPage } from "@/tests/e2e/pages/audit";
import { ChatPage } from "@/tests/e2e/pages/chat";
import { DocumentsPage } from "@/tests/e2e/pages/documents";
import { SignInPage, signedIn as signedInAs } from "@/tests/e2e/pages/sign-in";
import { ARTIFACTS, launchBrowser, newVisitor } from "@/tests/e2e/support/browser";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const signedIn = (workspace: string, email: string) => signedInAs(browser, workspace, email);

describe("the product path in a real browser", () => {
  const question = "How many vacation days do I get per year?";

  it("an employee asks a question and gets a streamed, cited, labelled answer", async () => {
    const { context, page } = await signedIn("acme", "alice@acme.test");
    const chat = new ChatPage(page);
    const { response, answer } = await chat.ask(question);
    expect(response.headers()["content-type"]).toContain("text/event-stream");
    expect(answer).toContain("No language model configured");
    expect(answer).toContain("25 days of paid vacation");
    expect(answer).toMatch(/\[1\]/);
    await page.screenshot({ path: `${ARTIFACTS}/chat-answer.png`, fullPage: true });

    const passage = await chat.openCitation(1);
    expect(passage).toContain("25 days of paid vacation");
    await page.screenshot({ path: `${ARTIFACTS}/chat-citation.png`, fullPage: true });

    // the conversation is kept on the server: it is there after a reload
    await page.waitForURL(/\/c\//);
    await page.reload();
    await expect.poll(() => chat.lastAnswer().innerText()).toContain("25 days of paid vacation");
    await context.close();
  });

  it("an auditor sees that turn in /audit", async () => {
    const { context, page } = await signedIn("acme", "auditor@acme.test");
    const audit = await AuditPage.open(page);
    await expect.poll(() => audit.rowFor(question).count()).toBeGreaterThan(0);
    expect(await audit.rowFor(question).first().innerText()).toContain("alice@acme.test");
    expect(await page.getByTestId("chain-status").innerText()).toContain("Hash chain verified");
    await page.screenshot({ path: `${ARTIFACTS}/audit-log.png`, fullPage: true });
    const detail = await audit.openRecord(question);
    expect(detail).toContain("Acme Employee Handbook");
    expect(detail).toContain("Answered");
    await page.screenshot({ path: `${ARTIFACTS}/audit-record.png`, fullPage: true });
    await context.close();
  });

  it("an employee of another group does not get the restricted document's passages", async () => {
    const commission = "What commission do account executives earn on closed deals?";
    const alice = await signedIn("acme", "alice@acme.test");
    const aliceAnswer = (await new ChatPage(alice.page).ask(commission)).answer;
    expect(aliceAnswer).not.toContain("12%");
    expect(aliceAnswer).not.toContain("Sales Compensation Plan");
    await alice.page.screenshot({ path: `${ARTIFACTS}/acl-withheld.png`, fullPage: true });
    await alice.context.close();

    const bob = await signedIn("acme", "bob@acme.test");
    const bobAnswer = (await new ChatPage(bob.page).ask(commission)).answer;
    expect(bobAnswer).toContain("12% commission");
    await bob.context.close();

    const auditor = await signedIn("acme", "auditor@acme.test");
    const audit = await AuditPage.open(auditor.page);
    const aliceRow = audit.rowFor(commission).filter({ hasText: "alice@acme.test" });
    await expect.poll(() => aliceRow.count()).toBe(1);
    const cells = await aliceRow.locator("td").allInnerTexts();
    expect(Number(cells[6])).toBeGreaterThan(0); // "Withheld" column
    await auditor.context.close();
  });

  it("answers a Korean question from a Korean document", async () => {
    const { context, page } = await signedIn("acme", "minsu@acme.test");
    const { answer } = await new ChatPage(page).ask("연차 휴가는 며칠 부여되나요?");
    expect(answer).toContain("언어 모델이 설정되지 않았습니다");
    expect(answer).toContain("15일");
    await page.screenshot({ path: `${ARTIFACTS}/chat-korean.png`, fullPage: true });
    await context.close();
  });

  it("an admin uploads a document for one group; once indexed, only that group's members are answered from it", async () => {
    const admin = await signedIn("acme", "admin@acme.test");
    const documents = await DocumentsPage.open(admin.page);
    const [message] = await documents.upload(
      [DocumentsPage.markdown("launch-plan.md", "# Project Falcon launch\n\nProject Falcon launches on 3 March with a budget of 480,000 EUR.\n")],
      { groups: ["sales"] },
    );
    expect(message).toMatch(/queued for indexing/);
    await documents.waitForStatus("launch-plan.md", "ready");
    await admin.page.screenshot({ path: `${ARTIFACTS}/admin-documents.png`, fullPage: true });
    await admin.context.close();

    const bob = await signedIn("acme", "bob@acme.test");
    expect((await new ChatPage(bob.page).ask("When does Project Falcon launch?")).answer).toContain("3 March");
    await bob.context.close();
    const alice = await signedIn("acme", "alice@acme.test");
    expect((await new ChatPage(alice.page).ask("When does Project Falcon launch?")).answer).not.toContain("3 March");
    await alice.context.close();
  });

  it("tells a person who mistyped the workspace that it does not exist", async () => {
    const context = await newVisitor(browser);
    const signIn = await SignInPage.open(context);
    await signIn.signIn("acme-typo", "alice@acme.test");
    await expect.poll(() => signIn.error().innerText()).toContain("no workspace with that name");
    await signIn.signIn("acme", "alice@acme.test", "wrong password");
    await expect.poll(() => signIn.error().innerText()).toContain("email or password is not right");
    await context.close();
  });

  it("shows an employee that the audit log is not for them", async () => {
    const { context, page } = await signedIn("acme", "alice@acme.test");
    await page.goto("/audit");
    expect(await page.getByTestId("forbidden").innerText()).toContain("It needs the auditor or admin role");
    await context.close();
  });
});
