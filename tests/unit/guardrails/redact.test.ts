import { describe, expect, it } from "vitest";
import { piiDetectors } from "@/lib/guardrails/detectors";
import { finding, type Finding } from "@/lib/guardrails/findings";
import { redact, resolveOverlaps } from "@/lib/guardrails/redact";

const scanPii = (text: string) => piiDetectors.flatMap((detector) => detector.scan(text));

describe("redact", () => {
  it("replaces findings with typed placeholders", () => {
    const text = "김민수 과장 연락처 010-2345-6789, 이메일 minsu@example.co.kr, 주민번호 850315-1234567";
    expect(redact(text, scanPii(text), "redact")).toBe("[PERSON] 과장 연락처 [PHONE], 이메일 [EMAIL], 주민번호 [KR_RRN]");
  });

  it("masks all but the last four characters, the first letter of names and the domain of e-mails", () => {
    expect(redact("Card 4111-1111-1111-1234 please", [finding("t", "CREDIT_CARD", "Card 4111-1111-1111-1234 please", 5, 24, 0.9)], "mask")).toBe(
      "Card ****-****-****-1234 please",
    );
    const text = "홍길동 님 (Dr. Jane Roe), jane.roe@example.com, token ghp_abcdefghijklmnopqrstuvwxyz0123456789";
    expect(redact(text, scanPii(text), "mask")).toBe("홍** 님 (Dr. J*** R**), j*******@example.com, token ***_************************************");
  });

  it("masks a value no longer than four characters completely", () => {
    expect(redact("pin 1234", [finding("t", "SECRET", "pin 1234", 4, 8, 0.9), finding("t", "PIN", "pin 1234", 4, 8, 0.5)], "mask")).toBe("pin ****");
    expect(redact("id 12", [finding("t", "ID", "id 12", 3, 5, 0.9)], "mask")).toBe("id **");
  });
});

describe("resolveOverlaps", () => {
  const make = (start: number, end: number, confidence: number, type = "X"): Finding => ({ detector: "t", type, start, end, confidence, text: "" });

  it("keeps the longest of overlapping findings, then the most confident", () => {
    expect(resolveOverlaps([make(0, 5, 0.9, "SHORT"), make(0, 14, 0.6, "LONG"), make(20, 25, 0.5)]).map((f) => f.type)).toEqual(["LONG", "X"]);
    expect(resolveOverlaps([make(0, 5, 0.6, "LOW"), make(0, 5, 0.9, "HIGH")]).map((f) => f.type)).toEqual(["HIGH"]);
  });

  it("keeps adjacent findings and returns them in text order", () => {
    expect(resolveOverlaps([make(5, 9, 0.9), make(0, 5, 0.9), make(9, 10, 0.9)]).map((f) => f.start)).toEqual([0, 5, 9]);
  });
});
