import { readFile } from "node:fs/promises";
import Papa from "papaparse";
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
let koreanDecisionId: string;
const KOREAN_QUESTION = "출장 호텔 숙박비 한도는 얼마인가요? 제 번호는 010-2222-3333입니다.";

async function askAs(cookie: string, question: string): Promise<string> {
  const turn = await fetch(url("/api/chat"), {
    method: "POST",
    headers: { "content-type": "application/json", cookie, origin: url("") },
    body: chatBody(question),
  });
  expect(turn.status).toBe(200);
  return decisionIdOf(await readUiStream(turn));
}

beforeAll(async () => {
  browser = await launchBrowser();
  // A turn with something for the record to explain: a phone number in the question (redacted). (Not
  // an e-mail address: the policies test counts globex's e-mail hits.)
  const sam = await signInOverHttp("globex", "sam@globex.test");
  decisionId = await askAs(sam, "My phone is 010-9876-5432. What does the travel policy say about hotels?");
  koreanDecisionId = await askAs(sam, KOREAN_QUESTION);
});
afterAll(() => browser?.close());

const AUDIT_APIS = ["/api/audit/records", "/api/audit/records/00000000-0000-4000-8000-000000000000", "/api/audit/export?format=jsonl"];

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
      for (const path of ["/api/audit/records", `/api/audit/records/${decisionId}`, "/api/audit/export"]) {
        for (const method of ["PUT", "PATCH", "DELETE", "POST"]) {
          const changed = await fetch(url(path), { method, headers: { cookie: reader, "content-type": "application/json", origin: url("") }, body: "{}" });
          expect(changed.status, `${method} ${path} by ${email}`).toBe(405);
        }
      }
    }
  });

  it("in the browser: an employee is shown the page is not for them; an admin reads a record", async () => {
    const employee = await signedIn(browser, "globex", "jiwoo@globex.test");
    for (const path of ["/audit", `/audit/${decisionId}`, "/audit/dashboard", "/audit/feedback", "/audit/access", "/audit/integrity"]) {
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

describe("the console", () => {
  it("filters through the URL, searches the stored words, and pages with a cursor", async () => {
    const { context, page } = await signedIn(browser, "globex", "auditor@globex.test");
    const audit = await AuditPage.open(page);
    await audit.search({ words: "출장 숙박비" });
    expect(new URL(page.url()).searchParams.get("q")).toBe("출장 숙박비");
    const rows = page.getByTestId("decision-row");
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    for (const text of await rows.allInnerTexts()) expect(text).toContain("출장 호텔 숙박비");
    expect(await rows.first().innerText()).toContain("[PHONE]");
    await page.screenshot({ path: `${ARTIFACTS}/audit-console-search.png`, fullPage: true });

    // The filter narrows further, and says so when nothing is left.
    await audit.search({ outcome: "Blocked" });
    expect(new URL(page.url()).searchParams.get("outcome")).toBe("blocked");
    expect(await page.getByText("No records match.").count()).toBe(1);
    // A wrong value in the URL is named, not a crash.
    await page.goto("/audit?from=2026-13-40");
    expect(await page.getByTestId("filter-problem").innerText()).toContain('"from"');

    // Keyset pages over HTTP: one record a page, each page older than the last, none repeated.
    const cookie = await signInOverHttp("globex", "auditor@globex.test");
    const seen: number[] = [];
    let before: number | null = null;
    for (let i = 0; i < 3; i++) {
      const response: Response = await fetch(url(`/api/audit/records?limit=1${before ? `&before=${before}` : ""}`), { headers: { cookie } });
      const body = (await response.json()) as { records: { seq: number }[]; nextBefore: number | null };
      seen.push(...body.records.map((r) => r.seq));
      before = body.nextBefore;
      if (before === null) break;
    }
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect([...seen].sort((a, b) => b - a)).toEqual(seen);
    expect(new Set(seen).size).toBe(seen.length);
    const refused = await fetch(url("/api/audit/records?outcome=maybe"), { headers: { cookie } });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { message: string }).message).toContain('"outcome"');
    await context.close();
  });

  it("writes down who opened which record from which filter, for auditors to see", async () => {
    const { context, page } = await signedIn(browser, "globex", "admin@globex.test");
    await page.goto(`/audit?${new URLSearchParams({ q: "숙박비" })}`);
    await page.getByTestId("decision-row").filter({ hasText: "출장 호텔" }).first().getByRole("link").click();
    await page.getByTestId("decision-detail").waitFor();
    await context.close();

    const auditor = await signedIn(browser, "globex", "auditor@globex.test");
    await auditor.page.goto("/audit/access");
    const event = auditor.page.getByTestId("audit-event").filter({ hasText: "admin@globex.test" }).first();
    expect(await event.innerText()).toContain("viewed record");
    expect(await event.innerText()).toContain("q=숙박비");
    await auditor.page.screenshot({ path: `${ARTIFACTS}/audit-access-log.png`, fullPage: true });
    await auditor.page.goto("/audit/integrity");
    expect(await auditor.page.getByTestId("chain-status").innerText()).toContain("Hash chain verified");
    await auditor.context.close();
  });
});

describe("the export", () => {
  it("downloads the filtered records with their checkpoint, and the export is logged", async () => {
    const { context, page } = await signedIn(browser, "globex", "auditor@globex.test");
    await page.goto(`/audit?${new URLSearchParams({ q: "숙박비" })}`);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-links").getByRole("link", { name: "CSV" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^lore-audit-globex-\d{4}-\d{2}-\d{2}-through-\d+\.csv$/);
    const csv = Papa.parse<Record<string, string>>(await readFile((await download.path())!, "utf8"), { header: true, skipEmptyLines: true });
    const [checkpoint, ...rows] = csv.data;
    expect(checkpoint).toMatchObject({ kind: "checkpoint" });
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.question).toContain("숙박비");
    expect(rows.map((r) => r.id)).toContain(koreanDecisionId);
    expect(JSON.stringify(rows)).not.toContain("010-2222-3333");
    expect(rows.find((r) => r.id === koreanDecisionId)?.question).toContain("[PHONE]");

    // JSONL over HTTP: the checkpoint first, with what an outsider needs to check its signature.
    const cookie = await signInOverHttp("globex", "auditor@globex.test");
    const response = await fetch(url(`/api/audit/export?format=jsonl&outcome=answered`), { headers: { cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/x-ndjson");
    expect(response.headers.get("x-lore-chain-verified")).toBe("true");
    const lines = (await response.text())
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({ kind: "checkpoint", reason: "export", tenantSlug: "globex", seq: Number(response.headers.get("x-lore-checkpoint-seq")) });
    expect(String(lines[0]!.publicKey)).toContain("BEGIN PUBLIC KEY");
    expect(lines.slice(1).every((line) => line.kind === "record" && line.outcome === "answered")).toBe(true);
    const refused = await fetch(url("/api/audit/export?format=xml"), { headers: { cookie } });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { message: string }).message).toContain('"format"');

    await page.goto("/audit/access");
    const event = page.getByTestId("audit-event").filter({ hasText: "exported" }).first();
    expect(await event.innerText()).toContain("auditor@globex.test");
    expect(await event.innerText()).toMatch(/the records through #\d+ as (CSV|JSONL)/);
    await context.close();
  });
});

describe("the dashboard", () => {
  it("charts the filtered records: turns by outcome, rates, tokens and each rule's hits, in English and Korean", async () => {
    const { context, page } = await signedIn(browser, "globex", "auditor@globex.test");
    await page.goto("/audit/dashboard");
    expect(await page.getByTestId("dashboard-range").innerText()).toContain("the last 30 days");
    const turns = Number((await page.getByTestId("total-turns").locator("dd").innerText()).replace(/,/g, ""));
    expect(turns).toBeGreaterThanOrEqual(2);
    for (const chart of ["turns", "rates", "tokens", "rules"]) await page.getByTestId(`chart-${chart}`).locator("svg.recharts-surface").first().waitFor();
    expect(await page.getByTestId("chart-turns").locator(".recharts-bar-rectangle").count()).toBeGreaterThan(0);
    // The phone numbers asked about above were redacted by the phone rule.
    const phone = page.getByTestId("dashboard-rule").filter({ hasText: "input.pii.phone" });
    expect(Number(await phone.locator("td").nth(1).innerText())).toBeGreaterThanOrEqual(2);
    await page.screenshot({ path: `${ARTIFACTS}/audit-dashboard.png`, fullPage: true });

    // The filter narrows the figures and goes along to the records tab.
    await page.goto(`/audit/dashboard?${new URLSearchParams({ q: "숙박비" })}`);
    const narrowed = Number((await page.getByTestId("total-turns").locator("dd").innerText()).replace(/,/g, ""));
    expect(narrowed).toBeGreaterThanOrEqual(1);
    expect(narrowed).toBeLessThan(turns);
    expect(await page.getByRole("link", { name: "Records", exact: true }).getAttribute("href")).toBe(`/audit?${new URLSearchParams({ q: "숙박비" })}`);
    await page.goto("/audit/dashboard?from=2020-01-01&to=2026-01-01");
    expect(await page.getByTestId("filter-problem").innerText()).toContain("at most 731 days");
    await context.close();

    const korean = await signedIn(browser, "globex", "auditor@globex.test", { locale: "ko-KR" });
    await korean.page.goto("/audit/dashboard");
    expect(await korean.page.getByRole("heading", { level: 1 }).innerText()).toBe("결정 기록 대시보드");
    await korean.page.getByTestId("chart-turns").locator("svg.recharts-surface").first().waitFor();
    expect(await korean.page.getByTestId("chart-turns").innerText()).toContain("답변함");
    await korean.context.close();
  });
});

describe("feedback triage", () => {
  it("queues a reader's feedback; an auditor labels, assigns and resolves it; the dashboard and the access log show it", async () => {
    const sam = await signInOverHttp("globex", "sam@globex.test");
    const rated = await fetch(url("/api/feedback"), {
      method: "POST",
      headers: { "content-type": "application/json", cookie: sam, origin: url("") },
      body: JSON.stringify({ decisionId, rating: "down", comment: "The hotel limit is wrong. Call me on 010-5555-6666" }),
    });
    expect(rated.status).toBe(200);
    const employee = await signInOverHttp("globex", "jiwoo@globex.test");
    expect((await fetch(url("/api/audit/feedback"), { headers: { cookie: employee } })).status).toBe(403);

    const { context, page } = await signedIn(browser, "globex", "auditor@globex.test");
    await page.goto("/audit/feedback");
    const item = page.getByTestId("feedback-item").filter({ hasText: "The hotel limit is wrong" });
    expect(await item.innerText()).toContain("[PHONE]");
    expect(await item.innerText()).not.toContain("010-5555-6666");
    await item.getByLabel("Label").selectOption({ label: "wrong answer" });
    await item.getByLabel("Assigned to").selectOption("admin@globex.test");
    await item.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => item.getByTestId("feedback-status").innerText()).toContain("wrong answer · Assigned to: admin@globex.test");
    await item.getByLabel("What was done").fill("Corrected the travel policy's hotel limit");
    await item.getByRole("button", { name: "Resolve" }).click();
    await expect.poll(() => item.count()).toBe(0);
    await page.goto("/audit/feedback?status=resolved");
    expect(await page.getByTestId("feedback-item").filter({ hasText: "The hotel limit is wrong" }).innerText()).toContain(
      "Resolved: Corrected the travel policy's hotel limit",
    );

    // A wrong change is refused with a reason, over HTTP.
    const cookie = await signInOverHttp("globex", "auditor@globex.test");
    const queue = (await (await fetch(url("/api/audit/feedback?status=resolved"), { headers: { cookie } })).json()) as {
      items: { id: string; label: string }[];
    };
    const resolved = queue.items.find((f) => f.label === "wrong_answer")!;
    const refused = await fetch(url(`/api/audit/feedback/${resolved.id}`), {
      method: "PATCH",
      headers: { cookie, "content-type": "application/json", origin: url("") },
      body: JSON.stringify({ assignee: "jiwoo@globex.test" }),
    });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { message: string }).message).toContain('"assignee" must be an auditor or admin');

    await page.goto("/audit/dashboard");
    expect(await page.getByTestId("feedback-label").filter({ hasText: "wrong answer" }).innerText()).toMatch(/wrong answer\s+\d+\s+1/);
    await page.goto("/audit/access");
    expect(await page.getByTestId("audit-event").filter({ hasText: "triaged feedback" }).first().innerText()).toContain("resolved");
    await context.close();
  });
});

describe("a record in Korean", () => {
  it("is said in Korean to a browser whose language is Korean", async () => {
    const { context, page } = await signedIn(browser, "globex", "auditor@globex.test", { locale: "ko-KR" });
    await page.goto(`/audit/${koreanDecisionId}`);
    const detail = page.getByTestId("decision-detail");
    await detail.waitFor();
    expect(await detail.getAttribute("lang")).toBe("ko");
    const text = await detail.innerText();
    expect(text).toContain("질문 (저장된 형태: 개인정보 가림)");
    expect(text).toContain("제 번호는 [PHONE]입니다.");
    expect(text).not.toContain("010-2222-3333");
    const verdict = page.getByTestId("verdict").filter({ hasText: "전화번호" });
    expect(await verdict.innerText()).toContain("질문에서 전화번호 발견");
    expect(await verdict.innerText()).toContain("다른 단계에 전달되기 전에 가렸습니다(치환).");
    expect(await page.getByTestId("timings").innerText()).toMatch(/검색\s+\d+ ms/);
    await page.screenshot({ path: `${ARTIFACTS}/audit-record-ko.png`, fullPage: true });
    // The console around it speaks Korean too.
    await page.goto("/audit");
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("감사 기록");
    expect(await page.getByRole("button", { name: "적용" }).count()).toBe(1);
    await context.close();
  });
});
