import { describe, expect, it } from "vitest";
import { krBusinessNumberDetector } from "@/lib/guardrails/detectors/kr-business-number";
import { krRegistrationNumberDetector } from "@/lib/guardrails/detectors/kr-registration-number";
import { passportDetector } from "@/lib/guardrails/detectors/passport";
import { usSsnDetector } from "@/lib/guardrails/detectors/us-ssn";
import type { Detector } from "@/lib/guardrails/findings";

const found = (detector: Detector, text: string) => detector.scan(text).map((finding) => [finding.type, finding.text]);

describe("kr_registration_number", () => {
  it("finds resident and foreigner registration numbers, with or without the hyphen", () => {
    expect(found(krRegistrationNumberDetector, "주민등록번호 850315-1234567, 외국인등록번호 9007306123456")).toEqual([
      ["KR_RRN", "850315-1234567"],
      ["KR_FRN", "9007306123456"],
    ]);
    expect(found(krRegistrationNumberDetector, "His RRN is 030101-4123456.")).toEqual([["KR_RRN", "030101-4123456"]]);
  });

  it("raises confidence for a valid check digit and a label, but accepts post-2020 numbers without one", () => {
    const [bare] = krRegistrationNumberDetector.scan("850315-1234560");
    const [labelled] = krRegistrationNumberDetector.scan("주민등록번호: 850315-1234560");
    expect(bare!.confidence).toBeLessThan(labelled!.confidence);
    expect(bare!.confidence).toBeGreaterThanOrEqual(0.5);
  });

  it("finds numbers masked after the gender digit", () => {
    expect(found(krRegistrationNumberDetector, "생년월일 확인: 920101-2******")).toEqual([["KR_RRN", "920101-2******"]]);
  });

  it("rejects impossible dates, invalid gender digits, corporate numbers and longer numbers", () => {
    expect(found(krRegistrationNumberDetector, "851315-1234567 850230-1234567 850315-9234567 850315-12345678")).toEqual([]);
    expect(found(krRegistrationNumberDetector, "법인등록번호 110111-1234567")).toEqual([]);
  });
});

describe("kr_business_number", () => {
  it("finds hyphenated numbers with a valid check digit, and others only with a label", () => {
    expect(found(krBusinessNumberDetector, "사업자등록번호 120-81-47521")).toEqual([["KR_BRN", "120-81-47521"]]);
    expect(found(krBusinessNumberDetector, "Business registration number: 220-86-12345")).toEqual([["KR_BRN", "220-86-12345"]]);
    expect(found(krBusinessNumberDetector, "code 220-86-12345")).toEqual([]);
    expect(found(krBusinessNumberDetector, "사업자번호 1208147521")).toEqual([["KR_BRN", "1208147521"]]);
    expect(found(krBusinessNumberDetector, "주문번호 1208147521")).toEqual([]);
  });
});

describe("passport", () => {
  it("finds Korean passport numbers (old and 2021 formats)", () => {
    expect(found(passportDetector, "여권번호 M12345678, 신여권 M123A4567")).toEqual([
      ["PASSPORT", "M12345678"],
      ["PASSPORT", "M123A4567"],
    ]);
  });

  it("finds other countries' numbers only next to the word passport", () => {
    expect(found(passportDetector, "US passport number 987654321")).toEqual([["PASSPORT", "987654321"]]);
    expect(found(passportDetector, "Order 987654321 shipped")).toEqual([]);
    expect(found(passportDetector, "A1234567 and M1234567")).toEqual([]);
  });
});

describe("us_ssn", () => {
  it("finds hyphenated numbers, and spaced or bare ones next to a label", () => {
    expect(found(usSsnDetector, "SSN 536-22-1234; social security no. 536 22 1234")).toEqual([
      ["US_SSN", "536-22-1234"],
      ["US_SSN", "536 22 1234"],
    ]);
    expect(found(usSsnDetector, "tracking 536221234 and 666-22-1234")).toEqual([]);
  });
});
