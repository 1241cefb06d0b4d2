import { describe, expect, it } from "vitest";
import { chunkBlocks } from "@/lib/ingest/chunk";
import { makePasswordProtectedPdf, makePdf, makeScannedPdf } from "@/tests/support/make-documents";
import { parseUpload, rejection } from "./parse-upload";

describe("PDF", () => {
  it("keeps Korean and English text with its page numbers", async () => {
    const bytes = await makePdf([
      ["연차 휴가 규정", "직원은 매년 15일의 연차를 받습니다.", "Annual leave is 15 days a year."],
      ["병가 Sick leave", "병가는 연 10일입니다. Sick leave is 10 days."],
    ]);
    const parsed = await parseUpload("규정.pdf", bytes);
    expect(parsed.pageCount).toBe(2);
    expect(parsed.blocks.map((b) => [b.page, b.text])).toEqual([
      [1, "연차 휴가 규정\n직원은 매년 15일의 연차를 받습니다.\nAnnual leave is 15 days a year."],
      [2, "병가 Sick leave\n병가는 연 10일입니다. Sick leave is 10 days."],
    ]);
    expect(chunkBlocks(parsed.blocks).map((c) => c.page)).toEqual([1, 2]);
    // pdf.js detaches the buffer it reads; the caller's bytes (hashed and stored after parsing) stay whole.
    expect(bytes.byteLength).toBeGreaterThan(0);
  });

  it("turns control characters that stand in for spaces into spaces", async () => {
    const parsed = await parseUpload("chromium.pdf", await makePdf([["Annual\u0001leave\u0001policy"]]));
    expect(parsed.blocks[0]?.text).toBe("Annual leave policy");
  });

  it("refuses a truncated PDF", async () => {
    const bytes = await makePdf([["Annual leave is 15 days."]]);
    const error = await rejection(parseUpload("cut.pdf", bytes.subarray(0, Math.floor(bytes.byteLength * 0.6))));
    expect(error.type).toBe("unprocessable");
    expect(error.message).toBe('"cut.pdf" is an incomplete PDF: the file is cut short (it has no end-of-file marker). Upload the complete file.');
  });

  it("refuses a damaged PDF that still ends properly", async () => {
    const error = await rejection(parseUpload("broken.pdf", new TextEncoder().encode("%PDF-1.7\nnot really a pdf\n%%EOF\n")));
    expect(error.type).toBe("unprocessable");
    expect(error.message).toBe('"broken.pdf" is a damaged PDF and cannot be read.');
  });

  it("refuses a password-protected PDF", async () => {
    const error = await rejection(parseUpload("secret.pdf", await makePasswordProtectedPdf()));
    expect(error.type).toBe("unprocessable");
    expect(error.message).toBe('"secret.pdf" is password-protected (encrypted). Remove the password and upload it again.');
  });

  it("refuses a scanned PDF, saying OCR is not supported", async () => {
    const error = await rejection(parseUpload("scan.pdf", await makeScannedPdf()));
    expect(error.type).toBe("unprocessable");
    expect(error.message).toMatch(/^"scan\.pdf" has no extractable text: .*scanned images, and OCR is not supported/);
  });
});
