import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PeoplePage } from "@/tests/e2e/pages/people";
import { signedIn } from "@/tests/e2e/pages/sign-in";
import { ARTIFACTS, launchBrowser } from "@/tests/e2e/support/browser";
import { signInOverHttp, url } from "@/tests/e2e/support/http";
import { eucKr } from "@/tests/support/make-documents";

// Issue 7 point 4 in the browser and over HTTP: an admin previews an HR export on /admin/people,
// applies it, and sees the people it added. Only people and groups new to the demo are named, so the
// other end-to-end tests' people stay as seeded.
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const HR_EXPORT =
  "이메일,이름,역할,그룹\nminji.import@acme.test,김민지,employee,개발팀|영업\njiwoo.import@acme.test,이지우,auditor,영업\nnot-an-email,Nobody,,\n";

describe("importing people from a CSV file", () => {
  it("an admin previews an EUC-KR export, applies it, and the new people are on the page; the same file again changes nothing", async () => {
    const { context, page } = await signedIn(browser, "acme", "admin@acme.test");
    const people = await PeoplePage.open(page);
    await page.getByRole("button", { name: "Import from CSV" }).click();
    const panel = page.getByRole("region", { name: "Import from CSV" });
    await panel.getByLabel("CSV file").setInputFiles({ name: "hr-export.csv", mimeType: "text/csv", buffer: Buffer.from(eucKr(HR_EXPORT)) });
    await panel.getByRole("button", { name: "Preview" }).click();
    const preview = panel.getByTestId("import-preview");
    await expect.poll(() => preview.getByRole("status").innerText()).toContain("2 to add, 0 to change");
    expect(await preview.getByRole("status").innerText()).toContain("New groups: 개발팀, 영업.");
    expect(await preview.locator("tbody tr").allInnerTexts()).toEqual([
      expect.stringMatching(/^2\tminji\.import@acme\.test\tadd\tname 김민지; role employee; joins 개발팀, 영업$/),
      expect.stringMatching(/^3\tjiwoo\.import@acme\.test\tadd\tname 이지우; role auditor; joins 영업$/),
      expect.stringMatching(/^4\tnot-an-email\terror\t"not-an-email" is not an e-mail address\.$/),
    ]);
    await page.screenshot({ path: `${ARTIFACTS}/people-import-preview.png`, fullPage: true });
    await panel.getByRole("button", { name: "Apply 2 changes (skip 1 row with errors)" }).click();
    const done = panel.getByTestId("import-done");
    await expect.poll(() => done.innerText()).toContain("Imported: 2 added, 0 changed, 1 rows with errors skipped.");
    const links = await done.getByRole("textbox").inputValue();
    expect(links.split("\n")).toEqual([
      expect.stringMatching(/^minji\.import@acme\.test\thttp:\/\/[^/]+\/welcome\?workspace=acme&token=[\w-]{43}$/),
      expect.stringMatching(/^jiwoo\.import@acme\.test\thttp:\/\/[^/]+\/welcome\?workspace=acme&token=[\w-]{43}$/),
    ]);
    await people.search("import@acme.test");
    await expect.poll(() => people.row("minji.import@acme.test").innerText()).toMatch(/김민지[\s\S]*개발팀, 영업/);
    await expect.poll(() => people.row("jiwoo.import@acme.test").innerText()).toMatch(/이지우[\s\S]*영업/);
    expect(await people.row("jiwoo.import@acme.test").locator("select").inputValue()).toBe("auditor");

    // The same file again: nothing to apply.
    await panel.getByLabel("CSV file").setInputFiles({ name: "hr-export.csv", mimeType: "text/csv", buffer: Buffer.from(eucKr(HR_EXPORT)) });
    await panel.getByRole("button", { name: "Preview" }).click();
    await expect.poll(() => preview.getByRole("status").innerText()).toContain("0 to add, 0 to change");
    expect(await panel.getByRole("button", { name: /^Apply 0 changes/ }).isDisabled()).toBe(true);
    await context.close();
  });

  it("answers only a same-site admin over HTTP, and refuses applying what was not previewed", async () => {
    const [admin, employee] = await Promise.all([signInOverHttp("acme", "admin@acme.test"), signInOverHttp("acme", "alice@acme.test")]);
    const post = (cookie: string | null, body: unknown, headers: Record<string, string> = {}) =>
      fetch(url("/api/admin/people/import"), {
        method: "POST",
        headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}), ...headers },
        body: JSON.stringify(body),
      });
    const csv = "email,name\nhttp.import@acme.test,Over HTTP\n";
    expect((await post(null, { csv })).status).toBe(401);
    expect((await post(employee, { csv })).status).toBe(403);
    const crossSite = await post(admin, { csv }, { origin: "https://evil.example", "sec-fetch-site": "cross-site" });
    expect(crossSite.status).toBe(403);
    expect(((await crossSite.json()) as { message: string }).message).toMatch(/refused because it came from/);

    const preview = await post(admin, { csv, mode: "preview" });
    expect(preview.status).toBe(200);
    const { plan } = (await preview.json()) as { plan: { fingerprint: string; summary: { create: number } } };
    expect(plan.summary.create).toBe(1);
    expect((await post(admin, { csv, mode: "apply" })).status).toBe(400);
    expect((await post(admin, { csv: `${csv}second.import@acme.test,Second\n`, mode: "apply", fingerprint: plan.fingerprint })).status).toBe(422);
    const applied = await post(admin, { csv, mode: "apply", fingerprint: plan.fingerprint });
    expect(applied.status).toBe(200);
    expect(await applied.json()).toMatchObject({ welcomeLinks: [{ email: "http.import@acme.test" }] });
  });
});
