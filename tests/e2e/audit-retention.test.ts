import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedIn } from "@/tests/e2e/pages/sign-in";
import { ARTIFACTS, launchBrowser } from "@/tests/e2e/support/browser";
import { signInOverHttp, url } from "@/tests/e2e/support/http";

// Issue 9 point 5: retention and legal holds. Auditors and admins read them; admins set the retention
// and purge; auditors and admins place and release holds; employees get 403. In globex, with holds on
// days long gone, so that they keep nothing another test relies on.

let browser: Browser;
const MARK = `hold-${Date.now().toString(36)}`;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const send = (method: string, path: string, cookie: string, body?: unknown) =>
  fetch(url(path), {
    method,
    headers: { cookie, origin: url(""), ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe("who may see and change retention and holds", () => {
  it("over HTTP: an employee gets 403 everywhere, an auditor reads and holds but may not change the retention or purge, an admin may", async () => {
    const employee = await signInOverHttp("globex", "jiwoo@globex.test");
    for (const [method, path, body] of [
      ["GET", "/api/audit/retention"],
      ["PUT", "/api/audit/retention", { days: 30 }],
      ["POST", "/api/audit/retention/purge"],
      ["GET", "/api/audit/holds"],
      ["POST", "/api/audit/holds", { scope: "tenant", reason: "no" }],
    ] as const) {
      const refused = await send(method, path, employee, body);
      expect(refused.status, `${method} ${path}`).toBe(403);
      expect(await refused.json()).toMatchObject({ code: "forbidden:audit" });
    }
    const page = await fetch(url("/audit/retention"), { headers: { cookie: employee } });
    expect(await page.text()).toContain('data-testid="forbidden"');

    const auditor = await signInOverHttp("globex", "auditor@globex.test");
    const read = await send("GET", "/api/audit/retention", auditor);
    expect(read.status).toBe(200);
    expect(((await read.json()) as { retention: { days: number } }).retention.days).toBeGreaterThanOrEqual(1);
    expect((await send("PUT", "/api/audit/retention", auditor, { days: 30 })).status).toBe(403);
    expect((await send("POST", "/api/audit/retention/purge", auditor)).status).toBe(403);
    const bad = await send("POST", "/api/audit/holds", auditor, { scope: "dates", from: "2001-02-10", to: "2001-02-01", reason: "backwards" });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toContain("cannot come before");

    const admin = await signInOverHttp("globex", "admin@globex.test");
    expect((await send("PUT", "/api/audit/retention", admin, { days: 0 })).status).toBe(400);
    const set = await send("PUT", "/api/audit/retention", admin, { days: 36500 });
    expect(set.status).toBe(200);
    expect(await set.json()).toMatchObject({ retention: { days: 36500, own: true, updatedBy: "admin@globex.test" } });
    const purged = await send("POST", "/api/audit/retention/purge", admin);
    expect(purged.status).toBe(200);
    expect(await purged.json()).toMatchObject({ purge: { records: 0 } });
  });
});

async function placeDatesHold(page: Page, labels: { scope: string; range: string; from: string; to: string; reason: string; place: string }, reason: string) {
  const form = page.getByTestId("place-hold");
  await form.getByLabel(labels.scope).selectOption({ label: labels.range });
  await form.getByLabel(labels.from).fill("2001-03-01");
  await form.getByLabel(labels.to).fill("2001-03-31");
  await form.getByLabel(labels.reason).fill(reason);
  await form.getByRole("button", { name: labels.place }).click();
  const hold = page.getByTestId("hold").filter({ hasText: reason });
  await hold.waitFor();
  return hold;
}

describe("an auditor places and releases a legal hold in the browser", () => {
  it("in English, and both show in who read the log", async () => {
    const { context, page } = await signedIn(browser, "globex", "auditor@globex.test");
    await page.goto("/audit/retention");
    await page.getByRole("heading", { name: "Retention and legal holds" }).waitFor();
    expect(await page.getByTestId("retention").innerText()).toContain("Only admins change the retention and purge.");
    const reason = `Inquiry ${MARK} (en)`;
    const hold = await placeDatesHold(
      page,
      { scope: "Covers", range: "A range of days", from: "First day", to: "Last day", reason: "Reason", place: "Place hold" },
      reason,
    );
    expect(await hold.getAttribute("data-active")).toBe("true");
    expect(await hold.innerText()).toMatch(/Active[\s\S]*Records from 2001-03-01 to 2001-03-31 \(UTC\)[\s\S]*placed by auditor@globex\.test/);
    await page.screenshot({ path: `${ARTIFACTS}/audit-retention.png`, fullPage: true });

    await hold.getByRole("button", { name: "Release" }).click();
    await expect.poll(() => hold.getAttribute("data-active"), { timeout: 60_000 }).toBe("false");
    expect(await hold.innerText()).toContain("Released by auditor@globex.test");

    await page.goto("/audit/access");
    const events = page.getByTestId("audit-event");
    await events.first().waitFor();
    expect(await events.filter({ hasText: "placed a legal hold: Records from 2001-03-01 to 2001-03-31" }).count()).toBeGreaterThan(0);
    expect(await events.filter({ hasText: "released a legal hold: Records from 2001-03-01 to 2001-03-31" }).count()).toBeGreaterThan(0);
    await context.close();
  });

  it("in Korean", async () => {
    const { context, page } = await signedIn(browser, "globex", "auditor@globex.test", { locale: "ko-KR" });
    await page.goto("/audit/retention");
    await page.getByRole("heading", { name: "보존 기간 및 법적 보존" }).waitFor();
    expect(await page.getByRole("link", { name: "보존 및 법적 보존" }).getAttribute("aria-current")).toBe("page");
    expect(await page.getByTestId("retention").innerText()).toContain("보존 기간 변경과 삭제는 관리자만 할 수 있습니다.");
    const reason = `조사 ${MARK} (ko)`;
    const hold = await placeDatesHold(page, { scope: "대상", range: "기간", from: "시작일", to: "종료일", reason: "사유", place: "법적 보존 설정" }, reason);
    expect(await hold.innerText()).toMatch(/활성[\s\S]*2001-03-01부터 2001-03-31까지의 기록 \(UTC\)[\s\S]*auditor@globex\.test님이/);
    await hold.getByRole("button", { name: "해제" }).click();
    await expect.poll(() => hold.getAttribute("data-active"), { timeout: 60_000 }).toBe("false");
    expect(await hold.innerText()).toContain("auditor@globex.test님이");
    expect(await hold.innerText()).toContain("해제함");
    await context.close();
  });
});
