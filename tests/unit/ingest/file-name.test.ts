import { describe, expect, it } from "vitest";
import { storableFileName } from "@/lib/ingest/document-title";

describe("an uploaded file's name as stored", () => {
  it("keeps ordinary English and Korean names as they are", () => {
    expect(storableFileName("Employee handbook 2026.pdf")).toBe("Employee handbook 2026.pdf");
    expect(storableFileName("근무 안내 (최종).docx")).toBe("근무 안내 (최종).docx");
  });

  it("drops NUL, repairs lone surrogates and turns control characters into spaces", () => {
    expect(storableFileName("bud\u0000get.xlsx")).toBe("budget.xlsx");
    expect(storableFileName("memo\uD800.md")).toBe("memo\uFFFD.md");
    expect(storableFileName("line\r\nbreak\t.md")).toBe("line break .md");
  });

  it("keeps no path a client sent and never stores an empty name", () => {
    expect(storableFileName("C:\\Users\\kim\\보고서.pdf")).toBe("보고서.pdf");
    expect(storableFileName("../../etc/passwd.md")).toBe("passwd.md");
    expect(storableFileName("\u0000\u0001 ")).toBe("unnamed");
  });

  it("cuts a very long name to 255 characters, keeping its extension", () => {
    const name = storableFileName(`${"가".repeat(10_000)}.md`);
    expect(name).toHaveLength(255);
    expect(name.endsWith("가.md")).toBe(true);
    expect(storableFileName(`${"😀".repeat(300)}.md`).isWellFormed()).toBe(true);
  });
});
