import { readFile } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { vector } from "@electric-sql/pglite-pgvector";
import Papa from "papaparse";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedIn } from "@/tests/e2e/pages/sign-in";
import { startBuiltApp, type RunningApp } from "@/tests/e2e/support/app-server";
import { ARTIFACTS, launchBrowser } from "@/tests/e2e/support/browser";
import { chatBody, signInOverHttp, url } from "@/tests/e2e/support/http";
import { decisionIdOf, readUiStream } from "@/tests/support/ui-stream";

// Issue 9 points 4 and 6: a decision log that does not verify is still exported (the records are the
// evidence), unsigned, saying so in the file, its name and its headers; the console warns before the
// export and the access log notes it. A server of its own, whose log is edited between two runs with
// the database owner's rights, as someone with the files could.

let browser: Browser;
let first: RunningApp | undefined;
let second: RunningApp | undefined;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await first?.kill();
  await second?.stop();
});

async function askAs(base: string, cookie: string, question: string): Promise<string> {
  const turn = await fetch(url("/api/chat", base), {
    method: "POST",
    headers: { "content-type": "application/json", cookie, origin: base },
    body: chatBody(question),
  });
  expect(turn.status).toBe(200);
  return decisionIdOf(await readUiStream(turn));
}

describe("the export of a decision log that does not verify", () => {
  it("warns in the console, streams every record led by where the chain breaks, and is logged as unverified", async () => {
    first = await startBuiltApp({}, "audit-export-unverified-1");
    const sam = await signInOverHttp("globex", "sam@globex.test", undefined, first.baseURL);
    for (const question of ["What does the travel policy say about hotels?", "출장 호텔 숙박비 한도는 얼마인가요?"]) await askAs(first.baseURL, sam, question);
    // A signed export of the intact log, for contrast.
    const auditorCookie = await signInOverHttp("globex", "auditor@globex.test", undefined, first.baseURL);
    const signed = await fetch(url("/api/audit/export?format=jsonl", first.baseURL), { headers: { cookie: auditorCookie } });
    expect(signed.headers.get("x-lore-chain-verified")).toBe("true");
    expect(signed.headers.get("x-lore-chain-broken-at")).toBeNull();
    expect(JSON.parse((await signed.text()).split("\n")[0]!)).toMatchObject({ kind: "checkpoint", reason: "export" });
    await askAs(first.baseURL, sam, "How many vacation days do I get?");
    await first.kill();

    // The owner edits globex's newest record (written after the export's checkpoint), with the log's guards switched off.
    const files = await PGlite.create(path.join(first.dataDir, "pglite"), { extensions: { vector } });
    await files.exec(`
      ALTER TABLE decision_records DISABLE TRIGGER decision_records_append_only;
      UPDATE decision_records SET answer = 'Edited afterwards'
        WHERE tenant_id = (SELECT id FROM tenants WHERE slug = 'globex')
          AND seq = (SELECT max(seq) FROM decision_records WHERE tenant_id = (SELECT id FROM tenants WHERE slug = 'globex'));
      ALTER TABLE decision_records ENABLE TRIGGER decision_records_append_only;`);
    const [{ seq: edited } = { seq: 0 }] = (
      await files.query<{ seq: number }>("SELECT max(seq) AS seq FROM decision_records WHERE tenant_id = (SELECT id FROM tenants WHERE slug = 'globex')")
    ).rows;
    await files.close();

    second = await startBuiltApp({}, "audit-export-unverified-2", undefined, first.dataDir);
    const { context, page } = await signedIn(browser, "globex", "auditor@globex.test", { baseURL: second.baseURL });
    await page.goto("/audit");
    expect(await page.getByTestId("chain-status").innerText()).toContain("does not verify");
    const warning = page.getByTestId("export-unverified");
    expect(await warning.getAttribute("role")).toBe("alert");
    expect(await warning.innerText()).toContain(`it breaks at record #${edited}`);
    await page.screenshot({ path: `${ARTIFACTS}/audit-export-unverified.png`, fullPage: true });

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-links").getByRole("link", { name: "CSV" }).click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^lore-audit-globex-\\d{4}-\\d{2}-\\d{2}-through-${edited}-unverified\\.csv$`));
    const csv = Papa.parse<Record<string, string>>(await readFile((await download.path())!, "utf8"), { header: true, skipEmptyLines: true });
    const [head, ...rows] = csv.data;
    expect(head).toMatchObject({ kind: "verification", seq: String(edited), outcome: "broken" });
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: edited }, (_, i) => String(edited - i)));
    expect(rows[0]!.answer).toBe("Edited afterwards");

    const cookie = await signInOverHttp("globex", "auditor@globex.test", undefined, second.baseURL);
    const response = await fetch(url("/api/audit/export?format=jsonl", second.baseURL), { headers: { cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-lore-chain-verified")).toBe("false");
    expect(response.headers.get("x-lore-chain-broken-at")).toBe(String(edited));
    expect(response.headers.get("x-lore-checkpoint-seq")).toBeNull();
    const [firstLine] = (await response.text()).split("\n");
    expect(JSON.parse(firstLine!)).toMatchObject({ kind: "verification", verified: false, brokenAtSeq: edited, through: edited, tenantSlug: "globex" });

    await page.goto("/audit/access");
    const event = page.getByTestId("audit-event").filter({ hasText: "exported" }).first();
    expect(await event.innerText()).toContain(`unverified: the chain breaks at record #${edited}`);
    await context.close();
  });
});
