import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { E2E_MAX_UPLOAD_BYTES } from "@/tests/e2e/global-setup";
import { ChatPage } from "@/tests/e2e/pages/chat";
import { DocumentsPage, type UploadFile } from "@/tests/e2e/pages/documents";
import { signedIn as signedInAs } from "@/tests/e2e/pages/sign-in";
import { ARTIFACTS, launchBrowser } from "@/tests/e2e/support/browser";
import { makeDocx, makePasswordProtectedPdf, makePdf } from "@/tests/support/make-documents";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const signedIn = (email: string) => signedInAs(browser, "acme", email);

/** Asks in a new conversation and returns the answer. */
async function askInNewChat(context: BrowserContext, question: string): Promise<string> {
  return (await askInNewConversation(context, question)).answer;
}

/** Asks in a new conversation and returns the answer and the conversation's address. */
async function askInNewConversation(context: BrowserContext, question: string): Promise<{ answer: string; address: string }> {
  const page = await context.newPage();
  await page.goto("/");
  const { answer } = await new ChatPage(page).ask(question);
  const address = new URL(page.url()).pathname;
  await page.close();
  return { answer, address };
}

const file = (name: string, mimeType: string, bytes: Uint8Array): UploadFile => ({ name, mimeType, buffer: Buffer.from(bytes) });

describe("the documents page in a real browser", () => {
  it("uploads several files at once, shows their indexing until ready or why not, changes a document's readers, and deletes one", async () => {
    // A long file first (just under the test server's 1 MB limit: over 2,000 passages, seconds of
    // writing), so that it is still being indexed while the page polls; the others are real Korean PDF
    // and Word files.
    const entries = Array.from(
      { length: 2200 },
      (_, i) =>
        `## Ledger entry ${i + 1}\n\n${`Quarry ledger: ${i + 1} granite blocks were cut, weighed and stacked by the northern crew before noon. `.repeat(4)}\n`,
    );
    const files = [
      DocumentsPage.markdown("quarry-ledger.md", `# Quarry ledger\n\n${entries.join("\n")}`),
      DocumentsPage.markdown("nebula-rollout.md", "# Nebula rollout\n\nThe Nebula rollout finishes on 14 June in all regions.\n"),
      file("근무-안내.pdf", "application/pdf", await makePdf([["근무 안내"], ["재택 근무는 주 2회까지 가능합니다.", "신청은 팀장에게 합니다."]])),
      file(
        "입사-안내.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        await makeDocx([{ heading: "입사 안내", level: 1 }, { paragraph: "신입 사원은 첫 주에 보안 교육을 받습니다." }]),
      ),
      file("locked.pdf", "application/pdf", await makePasswordProtectedPdf()),
    ];
    const admin = await signedIn("admin@acme.test");
    const documents = await DocumentsPage.open(admin.page);
    expect(files[0]!.buffer.byteLength).toBeLessThan(E2E_MAX_UPLOAD_BYTES);
    const messages = await documents.upload(files);
    expect(messages).toHaveLength(files.length);
    for (const message of messages) expect(message).toMatch(/queued for indexing/);

    // The page shows indexing as it happens (it polls): a progress bar that moves, then each file
    // ready, or why not.
    const progress = documents.row("quarry-ledger.md").getByRole("progressbar");
    await expect
      .poll(async () => Number((await progress.getAttribute("aria-valuenow").catch(() => null)) ?? 0), { timeout: 30_000, interval: 100 })
      .toBeGreaterThan(0);
    await admin.page.screenshot({ path: `${ARTIFACTS}/documents-indexing.png`, fullPage: true });
    for (const name of ["nebula-rollout.md", "근무-안내.pdf", "입사-안내.docx", "quarry-ledger.md"]) await documents.waitForStatus(name, "ready");
    await documents.waitForStatus("locked.pdf", "failed");
    expect(await documents.row("locked.pdf").getByTestId("document-error").innerText()).toContain("password-protected");
    await admin.page.screenshot({ path: `${ARTIFACTS}/documents-ready.png`, fullPage: true });

    const alice = await signedIn("alice@acme.test");
    const nebula = await askInNewConversation(alice.context, "When does the Nebula rollout finish?");
    expect(nebula.answer).toContain("14 June");
    expect(await askInNewChat(alice.context, "재택 근무는 주 몇 회 가능한가요?")).toContain("주 2회");

    // Readers change: the very next question is answered under the new readers.
    expect(await documents.changeReaders("nebula-rollout.md", { groups: ["sales"] })).toMatch(/Readers changed/);
    expect(await documents.row("nebula-rollout.md").getByTestId("document-readers").innerText()).toBe("sales (group)");
    expect(await askInNewChat(alice.context, "When does the Nebula rollout finish?")).not.toContain("14 June");
    // The answer she was given before is hidden when she reopens it: it quotes what she may no longer read.
    await alice.page.goto(nebula.address);
    const hidden = alice.page.getByTestId("answer");
    await expect.poll(() => hidden.getAttribute("data-hidden")).toBe("sources-unreadable");
    expect(await hidden.innerText()).toContain(new ChatPage(alice.page).text.answer.sourcesUnreadable);
    expect(await alice.page.getByTestId("messages").innerText()).not.toContain("14 June");
    await alice.context.close();

    await documents.delete("quarry-ledger.md");
    await documents.delete("입사-안내.docx");
    await admin.page.reload();
    await documents.waitForStatus("nebula-rollout.md", "ready");
    expect(await documents.row("입사-안내.docx").count()).toBe(0);
    expect(await documents.row("quarry-ledger.md").count()).toBe(0);
    await admin.context.close();
  });
});
