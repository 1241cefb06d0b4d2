import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { formatOf, SUPPORTED_EXTENSIONS } from "@/lib/ingest/formats";
import { makeDocx, makePdf, makeUnderstatedZipDocx, makeZipBombDocx, makeXlsx, utf8 } from "@/tests/support/make-documents";
import { parseUpload, rejection } from "./parse-upload";

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, ...new Array<number>(64).fill(0)]);
// The signature of a Compound File: Office 97–2003 documents, and Office files encrypted with a password.
const COMPOUND_FILE = new Uint8Array(1024);
COMPOUND_FILE.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

describe("format detection", () => {
  it("knows every format by its extension and MIME type", async () => {
    expect(SUPPORTED_EXTENSIONS).toEqual([".pdf", ".docx", ".xlsx", ".pptx", ".html", ".htm", ".csv", ".md", ".markdown", ".txt", ".text"]);
    expect((await formatOf("Report.PDF", await makePdf([["text"]]))).mimeType).toBe("application/pdf");
    expect((await formatOf("a.b.docx", await makeDocx([{ paragraph: "x" }]))).name).toBe("Word");
  });

  it("refuses an unsupported type, listing the supported ones", async () => {
    const error = await rejection(parseUpload("setup.exe", utf8("MZ")));
    expect(error.type).toBe("unsupported_media_type");
    expect(error.message).toBe(`"setup.exe" is not a supported file type. Supported: ${SUPPORTED_EXTENSIONS.join(", ")}.`);
  });

  it("refuses a 0-byte file", async () => {
    const error = await rejection(parseUpload("empty.pdf", new Uint8Array()));
    expect(error.type).toBe("unprocessable");
    expect(error.message).toBe('"empty.pdf" is empty (0 bytes).');
  });

  it.each([
    ["a PDF named .docx", "report.docx", () => makePdf([["text"]]), "is named as a Word file, but it is a PDF file."],
    ["a Word document named .pdf", "report.pdf", () => makeDocx([{ paragraph: "text" }]), "is named as a PDF file, but it is a Word file."],
    ["a workbook named .pptx", "deck.pptx", () => makeXlsx([{ name: "S", rows: [["a", "b"]] }]), "is named as a PowerPoint file, but it is an Excel file."],
    [
      "a plain zip named .pdf",
      "report.pdf",
      () => new JSZip().file("a.txt", "a").generateAsync({ type: "uint8array" }),
      "is named as a PDF file, but it is a ZIP archive.",
    ],
    ["text named .docx", "notes.docx", async () => utf8("just some text"), "is named as a Word file, but its content is not a valid Word file."],
    ["an image named .txt", "notes.txt", async () => PNG, "is named as a plain text file, but it is a .png file (image/png)."],
    ["a PDF named .csv", "data.csv", () => makePdf([["text"]]), "is named as a CSV file, but it is a PDF file."],
    [
      "binary data named .md",
      "notes.md",
      async () => new Uint8Array([0x41, 0x00, 0x42, 0x7f, 0x00]),
      "is named as a Markdown file, but its content is binary, not text.",
    ],
  ])("refuses %s, naming what it claims and what it is", async (_, fileName, make, reason) => {
    const error = await rejection(parseUpload(fileName, await make()));
    expect(error.type).toBe("unsupported_media_type");
    expect(error.message).toBe(`"${fileName}" ${reason}`);
  });

  it("explains an Office file that is encrypted or in the old format", async () => {
    const error = await rejection(parseUpload("budget.xlsx", COMPOUND_FILE));
    expect(error.type).toBe("unsupported_media_type");
    expect(error.message).toMatch(/^"budget\.xlsx" is not a \.xlsx file: it is either password-protected or saved in the old Office 97–2003 format/);
  });

  it("accepts XHTML, which starts like XML", async () => {
    const parsed = await parseUpload("page.html", utf8('<?xml version="1.0"?><html><body><p>Hello</p></body></html>'));
    expect(parsed.blocks).toEqual([{ kind: "paragraph", text: "Hello" }]);
  });
});

describe("damaged Office files", () => {
  it("refuses a Word document cut short", async () => {
    const bytes = await makeDocx([{ heading: "Leave", level: 1 }, { paragraph: "Annual leave is 15 days." }]);
    const error = await rejection(parseUpload("cut.docx", bytes.subarray(0, bytes.byteLength - 200)));
    expect(error.type).toBe("unprocessable");
    expect(error.message).toBe('"cut.docx" is a damaged Word file: its ZIP structure cannot be read.');
  });
});

describe("documents without text", () => {
  it.each([
    ["whitespace.txt", async () => utf8(" \n\n\t ")],
    ["blank.docx", () => makeDocx([])],
    ["headings-only.md", async () => utf8("# Title\n\n## Section\n")],
    ["empty.xlsx", () => makeXlsx([{ name: "Sheet1", rows: [] }])],
    ["header.csv", async () => utf8("\n\n")],
  ])("refuses %s as having no text to index", async (fileName, make) => {
    const error = await rejection(parseUpload(fileName, await make()));
    expect(error.type).toBe("unprocessable");
    expect(error.message).toBe(`"${fileName}" contains no text to index.`);
  });
});

describe("zip bombs", () => {
  it("refuses an Office file that would expand far beyond its size, before expanding it", async () => {
    const bytes = await makeZipBombDocx(64);
    expect(bytes.byteLength).toBeLessThan(200 * 1024);
    const started = performance.now();
    const error = await rejection(parseUpload("bomb.docx", bytes));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(error.type).toBe("unprocessable");
    expect(error.message).toMatch(/^"bomb\.docx" was refused as a possible zip bomb: it would expand \d+ times, to 64\.0 MB, which only a zip bomb does\.$/);
  });

  it("refuses one that understates its sizes, as soon as an entry outgrows its claim", async () => {
    const error = await rejection(parseUpload("liar.docx", await makeUnderstatedZipDocx(32)));
    expect(error.type).toBe("unprocessable");
    expect(error.message).toBe('"liar.docx" was refused as a possible zip bomb: its entry "word/document.xml" expands beyond the size it declares.');
  });
});
