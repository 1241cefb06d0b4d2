import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuditPage } from "@/tests/e2e/pages/audit";
import { signedIn } from "@/tests/e2e/pages/sign-in";
import { ARTIFACTS, launchBrowser } from "@/tests/e2e/support/browser";
import { chatBody, signInOverHttp, url } from "@/tests/e2e/support/http";
import { decisionIdOf, readUiStream } from "@/tests/support/ui-stream";

// Issue 9 points 2 and 8: auditors and admins read the decision log, nobody changes it, employees get
// 403 on every audit page and API; a record says what happened in plain words, in English and Korean.
// Everything here happens in the globex workspace: other tests use acme's records.

let browser: Browser;
let decisionId: string;

beforeAll(async () => {
  browser = await launchBrowser();
  // A turn with something for the record to explain: a phone number in the question (redacted). (Not
  // an e-mail address: the policies test counts globex's e-mail hits.)
  const sam = await signInOverHttp("globex", "sam@globex.test");
  const turn = await fetch(url("/api/chat"), {
    method: "POST",
    headers: { "content-type": "application/json", cookie: sam, origin: url("") },
    body: chatBody("My phone is 010-9876-5432. What does the travel policy say about hotels?"),
  });
  expect(turn.status).toBe(200);
  decisionId = decisionIdOf(await readUiStream(turn));
});
afterAll(() => browser?.close());

const AUDIT_APIS = ["/api/audit/records"];

describe("who may read the decision log", () => {
  it("over HTTP: 401 without a session, 403 for an employee, records for an auditor and an admin, and no way to change one", async () => {
    for (const path of AUDIT_APIS) expect((await fetch(url(path))).status, path).toBe(401);
    const employee = await signInOverHttp("globex", "jiwoo@globex.test");
    for (const path of AUDIT_APIS) {
      const refused = await fetch(url(path), { headers: { cookie: employee } });
      expect(refused.status, path).toBe(403);
      expect(await refused.json()).toMatchObject({ code: "forbidden:audit" });
    }
    for (const email of ["auditor@globex.test", "admin@globex.test"]) {
      const reader = await signInOverHttp("globex", email);
      const listed = await fetch(url("/api/audit/records"), { headers: { cookie: reader } });
      expect(listed.status, email).toBe(200);
      const { records } = (await listed.json()) as { records: { id: string; question: string }[] };
      const record = records.find((r) => r.id === decisionId);
      expect(record?.question).toContain("[PHONE]");
      for (const method of ["PUT", "PATCH", "DELETE", "POST"]) {
        const changed = await fetch(url("/api/audit/records"), { method, headers: { cookie: reader, "content-type": "application/json", origin: url("") }, body: "{}" });
        expect(changed.status, `${method} by ${email}`).toBe(405);
      }
    }
  });

  it("in the browser: an employee is shown the page is not for them; an admin reads a record", async () => {
    const employee = await signedIn(browser, "globex", "jiwoo@globex.test");
    for (const path of ["/audit", `/audit/${decisionId}`]) {
      await employee.page.goto(path);
      expect(await employee.page.getByTestId("forbidden").innerText()).toContain("It needs the auditor or admin role");
      expect(await employee.page.getByTestId("decision-detail").count()).toBe(0);
    }
    await employee.context.close();

    const admin = await signedIn(browser, "globex", "admin@globex.test");
    await AuditPage.open(admin.page);
    await admin.page.goto(`/audit/${decisionId}`);
    const detail = await admin.page.getByTestId("decision-detail").innerText();
    expect(detail).toContain("My phone is [PHONE].");
    expect(detail).not.toContain("010-9876-5432");
    await admin.context.close();
  });
});

describe("a record in plain words", () => {
  it("says what each check found and did, and where the time went", async () => {
    const { context, page } = await signedIn(browser, "globex", "auditor@globex.test");
    await page.goto(`/audit/${decisionId}`);
    const verdict = page.getByTestId("verdict").filter({ hasText: "Phone number" });
    expect(await verdict.innerText()).toContain("Found Phone number in the question");
    expect(await verdict.innerText()).toContain("Redacted before anything else saw it.");
    expect(await verdict.innerText()).toContain("rule input.pii.phone");
    expect(await page.getByTestId("timings").innerText()).toMatch(/Retrieval\s+\d+ ms/);
    await page.screenshot({ path: `${ARTIFACTS}/audit-record-en.png`, fullPage: true });

    await context.close();
  });
});
