import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/client";
import { LoreError } from "@/lib/errors";
import { parseIsolated } from "@/lib/ingest/parsers/sandbox";
import { uploadDocument } from "@/lib/ingest/upload";
import { migratedDatabase } from "@/tests/support/database";
import { createTenant } from "@/tests/support/fixtures";
import { chunkRows } from "@/tests/support/ingest";

const LIMITS = { timeoutMs: 60_000, memoryMb: 96 };
let db: Database;
let tenant: Awaited<ReturnType<typeof createTenant>>;

beforeAll(async () => {
  db = await migratedDatabase();
  tenant = await createTenant("parsing", [], [{ key: "admin", role: "admin", groups: [] }]);
});
afterAll(() => db.close());

const utf8 = (text: string) => new TextEncoder().encode(text);

async function failureOf(work: Promise<unknown>): Promise<LoreError> {
  const error = await work.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(LoreError);
  return error as LoreError;
}

describe("parsing in a worker thread with limits", () => {
  it("refuses a Markdown list nested hundreds of levels deep before parsing it", async () => {
    const list = Array.from({ length: 400 }, (_, level) => `${"  ".repeat(level)}- level ${level}`).join("\n");
    const error = await failureOf(parseIsolated("deep.md", utf8(`# Deep\n\n${list}`), LIMITS));
    expect(error.message).toBe(`"deep.md" is too deeply nested to be read: its lists, quotes or elements go deeper than any document's structure should.`);
  });

  it("reads a Markdown list nested a few levels, Korean and English", async () => {
    const parsed = await parseIsolated("shallow.md", utf8("# 목록\n\n- one\n  - 둘\n    - three"), LIMITS);
    expect(parsed.blocks.map((b) => b.text)).toEqual(["목록", "one\n- 둘\n- three"]);
  });

  it("turns a parser's stack overflow on deeply nested HTML into a plain message", async () => {
    const html = `<html><body>${"<div>".repeat(100_000)}deep${"</div>".repeat(100_000)}</body></html>`;
    const error = await failureOf(parseIsolated("deep.html", utf8(html), LIMITS));
    expect(error.message).toMatch(/^"deep\.html" is too (deeply nested to be read|large to parse)/);
  });

  it("ends a parse that needs more memory than allowed, with a plain message, and parses the next file in a fresh thread", async () => {
    const rows = Array.from({ length: 300_000 }, (_, i) => `${i},name ${i},${"x".repeat(20)} ${i},note ${i}`).join("\n");
    const error = await failureOf(parseIsolated("huge.csv", utf8(`id,name,value,note\n${rows}`), { ...LIMITS, memoryMb: 64 }));
    expect(error.message).toBe(`"huge.csv" is too large to parse: reading it needs more than the 64 MB of memory allowed.`);
    const parsed = await parseIsolated("small.csv", utf8("id,name\n1,Ada"), LIMITS);
    expect(parsed.blocks.map((b) => b.text)).toContain("id: 1 | name: Ada");
  });

  it("ends a parse that runs past the wall-clock limit", async () => {
    const long = Array.from({ length: 50_000 }, (_, i) => `Paragraph ${i} with *emphasis* and [a link](http://example.test/${i}).\n`).join("\n");
    const error = await failureOf(parseIsolated("long.md", utf8(long), { ...LIMITS, timeoutMs: 100 }));
    expect(error.message).toBe(`"long.md" is too large to parse: reading it took longer than 100 ms.`);
  });

  it("reports a damaged Office file without the XML library's own message", async () => {
    const zip = new JSZip();
    zip.file(
      "[Content_Types].xml",
      `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`,
    );
    zip.file(
      "_rels/.rels",
      `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    );
    zip.file("xl/workbook.xml", '<workbook><sheets><sheet name="a" sheetId="1" r:id="rId1"</sheets');
    const bytes = await zip.generateAsync({ type: "uint8array" });
    const error = await failureOf(parseIsolated("damaged.xlsx", bytes, LIMITS));
    expect(error.message).toMatch(/^"damaged\.xlsx" /);
    expect(error.message).not.toMatch(/xml|sax|unclosed|attribute|Error:/i);
  });

  it("stores uploaded text and file names without NUL characters or lone surrogates", async () => {
    const text = "# Notice\u0000 board\n\nThe boiler\u0000 room opens at nine. 보일러실은\u0000 아홉 시에 엽니다.\n";
    // UTF-16 text (announced by its byte-order mark) may carry NUL code units.
    const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(new Uint16Array([...text].map((c) => c.charCodeAt(0))).buffer)]);
    const document = await uploadDocument(tenant.users.admin!, { fileName: "notice\u0000\uDC00.md", bytes: utf16, readers: { everyone: true } });
    expect(document.title).toBe("Notice board");
    expect(document.fileName).toBe("notice\uFFFD.md");
    const rows = await chunkRows(tenant.users.admin!, document.id);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.content).not.toContain("\u0000");
      expect(row.content.isWellFormed()).toBe(true);
    }
    expect(rows.map((r) => r.content).join(" ")).toContain("보일러실은 아홉 시에");
  });
});
