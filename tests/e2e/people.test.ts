import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { choosePassword, PeoplePage } from "@/tests/e2e/pages/people";
import { SignInPage, signedIn } from "@/tests/e2e/pages/sign-in";
import { ARTIFACTS, launchBrowser, newVisitor } from "@/tests/e2e/support/browser";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe("the people page in a real browser", () => {
  it("an admin adds someone, who sets a password from the one-time link and signs in; the admin changes their groups, role and deactivates them", async () => {
    const { context: adminContext, page } = await signedIn(browser, "acme", "admin@acme.test");
    const people = await PeoplePage.open(page);
    await people.createGroup("재무팀");
    await people.groups().getByText("재무팀").waitFor();
    const link = await people.add({ email: "hana.kim@acme.test", name: "김하나", groups: ["sales"] });
    expect(link).toMatch(/\/welcome\?workspace=acme&token=/);
    await people.search("김하나");
    await expect.poll(() => people.row("hana.kim@acme.test").innerText()).toMatch(/김하나[\s\S]*no password yet[\s\S]*sales/);
    await page.screenshot({ path: `${ARTIFACTS}/people.png`, fullPage: true });

    // The new person: a short password is refused on the page, a good one sets it; then they sign in.
    const newcomer = await newVisitor(browser);
    const welcome = await newcomer.newPage();
    await choosePassword(welcome, link, "short");
    expect(await welcome.getByLabel("New password").evaluate((input: HTMLInputElement) => input.validity.tooShort)).toBe(true);
    await choosePassword(welcome, link, "열두 글자가 넘는 비밀번호입니다");
    await welcome.waitForURL(/\/signin\?workspace=acme&notice=password_set/);
    await expect.poll(() => welcome.getByRole("status").innerText()).toContain("Your password is set");
    const signIn = new SignInPage(welcome);
    await signIn.signIn("acme", "hana.kim@acme.test", "열두 글자가 넘는 비밀번호입니다");
    await welcome.waitForURL((url) => url.pathname === "/");
    expect(await welcome.getByTestId("signed-in-user").innerText()).toContain("김하나");
    // The link was used up.
    await welcome.goto(link);
    await welcome.getByRole("heading", { name: "This link no longer works" }).waitFor();

    // Bulk: into the new group; then a role change the person sees on their next page.
    await people.select(["hana.kim@acme.test"]);
    await people.bulk("Add to group", "재무팀");
    await expect.poll(() => people.notice().innerText()).toBe("1 added to 재무팀.");
    await expect.poll(() => people.row("hana.kim@acme.test").innerText()).toMatch(/sales, 재무팀|재무팀, sales/);
    await people.setRole("hana.kim@acme.test", "auditor");
    await expect.poll(() => people.notice().innerText()).toBe("hana.kim@acme.test is now auditor.");
    await welcome.goto("/");
    expect(await welcome.getByTestId("signed-in-user").innerText()).toContain("auditor");

    // Deactivated: their very next request goes to sign-in, and signing in again is refused.
    await people.row("hana.kim@acme.test").getByRole("button", { name: "Deactivate hana.kim@acme.test" }).click();
    await expect.poll(() => people.notice().innerText()).toContain("deactivated and signed out everywhere");
    await welcome.goto("/");
    await welcome.waitForURL(/\/signin/);
    await signIn.signIn("acme", "hana.kim@acme.test", "열두 글자가 넘는 비밀번호입니다");
    await expect.poll(() => signIn.error().innerText()).toContain("The email or password is not right.");

    // An admin cannot deactivate themselves; the page says why.
    await people.search("admin@acme.test");
    await people.row("admin@acme.test").getByRole("button", { name: "Deactivate admin@acme.test" }).click();
    await expect.poll(() => people.notice().innerText()).toContain("You cannot remove your own admin role or deactivate yourself");
    await newcomer.close();
    await adminContext.close();

    // The auditor reads all of it in the admin activity log.
    const { context: auditorContext, page: auditorPage } = await signedIn(browser, "acme", "auditor@acme.test");
    await auditorPage.getByRole("link", { name: "Admin activity" }).click();
    await auditorPage.getByRole("heading", { name: "Admin activity" }).waitFor();
    await auditorPage.getByLabel("Person or group").fill("hana.kim");
    await expect
      .poll(async () => (await auditorPage.getByTestId("activity-entry").allInnerTexts()).map((row) => row.split("\t")[2]?.trim()))
      .toEqual(["user.deactivate", "user.role", "user.password_set", "user.create"]);
    await auditorPage.getByLabel("Person or group").fill("");
    await auditorPage.getByLabel("Action").selectOption("group.members");
    await expect.poll(() => auditorPage.getByTestId("activity-entry").first().innerText()).toMatch(/admin@acme\.test[\s\S]*재무팀[\s\S]*hana\.kim@acme\.test/);
    await auditorPage.screenshot({ path: `${ARTIFACTS}/admin-activity.png`, fullPage: true });
    await auditorContext.close();
  });

  it("the pages are for their roles only", async () => {
    const { context, page } = await signedIn(browser, "acme", "alice@acme.test");
    await page.goto("/admin/people");
    await page.getByTestId("forbidden").waitFor();
    await page.goto("/activity");
    expect(await page.getByTestId("forbidden").innerText()).toContain("auditor");
    await context.close();
  });
});
