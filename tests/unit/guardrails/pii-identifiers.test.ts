import { describe, expect, it } from "vitest";
import { creditCardDetector } from "@/lib/guardrails/detectors/credit-card";
import { emailDetector } from "@/lib/guardrails/detectors/email";
import { ibanDetector } from "@/lib/guardrails/detectors/iban";
import { ipAddressDetector } from "@/lib/guardrails/detectors/ip-address";
import { phoneDetector } from "@/lib/guardrails/detectors/phone";
import type { Detector } from "@/lib/guardrails/findings";

const found = (detector: Detector, text: string) => detector.scan(text).map((finding) => finding.text);

describe("email", () => {
  it("finds addresses in English and Korean text, with exact offsets", () => {
    const text = "Send it to jane.doe+hr@corp.example.com, 또는 담당자 이메일(minsu_kim@회사.kr 아님) hr-team@example.co.kr로 보내 주세요.";
    expect(found(emailDetector, text)).toEqual(["jane.doe+hr@corp.example.com", "hr-team@example.co.kr"]);
    for (const finding of emailDetector.scan(text)) expect(text.slice(finding.start, finding.end)).toBe(finding.text);
  });

  it("ignores things that only look like addresses", () => {
    expect(found(emailDetector, "user@localhost, @mention, a@b, name@domain.")).toEqual([]);
  });
});

describe("phone", () => {
  it("finds Korean mobile and landline numbers with and without separators", () => {
    expect(found(phoneDetector, "휴대폰 010-9876-5432, 사무실 02-123-4567, 경기 031 765 4321, 문자 01098765432")).toEqual([
      "010-9876-5432",
      "02-123-4567",
      "031 765 4321",
      "01098765432",
    ]);
    expect(found(phoneDetector, "연락처: +82 10-2468-1357")).toEqual(["+82 10-2468-1357"]);
  });

  it("finds international and North American numbers", () => {
    expect(found(phoneDetector, "Call +44 20 7946 0958 or (212) 555-0147 or 646.555.0199.")).toEqual(["+44 20 7946 0958", "(212) 555-0147", "646.555.0199"]);
  });

  it("finds other national formats only next to a word such as 'phone'", () => {
    expect(found(phoneDetector, "Mobile: 0612 34 56 78")).toEqual(["0612 34 56 78"]);
    expect(found(phoneDetector, "The reference is 4521 3398 and the room is 12 40.")).toEqual([]);
  });

  it("leaves dates, account numbers, registration numbers and representative numbers alone", () => {
    expect(found(phoneDetector, "2026-03-15, 2026.03.15 14:30, 19990101")).toEqual([]);
    expect(found(phoneDetector, "입금 계좌: 신한 110-234-567890")).toEqual([]);
    expect(found(phoneDetector, "850315-1234567, 120-81-47521, 고객센터 1588-1234")).toEqual([]);
  });
});

describe("credit_card", () => {
  it("finds Luhn-valid card numbers in any common layout", () => {
    expect(found(creditCardDetector, "Visa 4111 1111 1111 1111, MC 5500-0055-5555-5559, Amex 3782 822463 10005, raw 4012888888881881")).toEqual([
      "4111 1111 1111 1111",
      "5500-0055-5555-5559",
      "3782 822463 10005",
      "4012888888881881",
    ]);
    expect(found(creditCardDetector, "법인카드 번호는 4111-1111-1111-1111 입니다")).toEqual(["4111-1111-1111-1111"]);
  });

  it("rejects numbers that fail the Luhn check or are one repeated digit", () => {
    expect(found(creditCardDetector, "4111 1111 1111 1112 and 0000000000000000")).toEqual([]);
  });
});

describe("iban", () => {
  it("finds IBANs printed compact or grouped, cut at the country's length", () => {
    expect(found(ibanDetector, "Pay to GB82 WEST 1234 5698 7654 32 today, or DE89370400440532013000.")).toEqual([
      "GB82 WEST 1234 5698 7654 32",
      "DE89370400440532013000",
    ]);
  });

  it("rejects a wrong check digit", () => {
    expect(found(ibanDetector, "GB82WEST12345698765433")).toEqual([]);
  });
});

describe("ip_address", () => {
  it("finds IPv4, IPv6, IPv4-mapped addresses and CIDR prefixes", () => {
    expect(found(ipAddressDetector, "접속 IP 203.0.113.45, 로그 주소 2001:db8::8a2e:370:7334, mapped ::ffff:198.51.100.7, range 10.20.0.0/16")).toEqual([
      "2001:db8::8a2e:370:7334",
      "::ffff:198.51.100.7",
      "203.0.113.45",
      "10.20.0.0/16",
    ]);
  });

  it("rejects invalid octets, versions, times, MAC addresses and C++ scopes", () => {
    expect(found(ipAddressDetector, "256.1.1.1, v1.2.3, at 12:34:56, aa:bb:cc:dd:ee:ff, std::vector, 1.2.3")).toEqual([]);
  });

  it("does not report network configuration such as gateways and DNS servers", () => {
    expect(found(ipAddressDetector, "게이트웨이: 10.0.0.1\nDNS server 9.9.9.9")).toEqual([]);
  });
});
