import { describe, expect, it } from "vitest";
import {
  ibanValid,
  isRealDate,
  krBusinessNumberValid,
  krRegistrationBirthDate,
  krRegistrationChecksumValid,
  luhnValid,
  usSsnValid,
} from "@/lib/guardrails/detectors/checksums";

describe("luhnValid", () => {
  it("accepts card numbers with a correct check digit and rejects a changed digit", () => {
    expect(luhnValid("4111111111111111")).toBe(true);
    expect(luhnValid("5500005555555559")).toBe(true);
    expect(luhnValid("4111111111111112")).toBe(false);
    expect(luhnValid("41111a11")).toBe(false);
  });
});

describe("ibanValid", () => {
  it("checks mod-97 and the country's length", () => {
    expect(ibanValid("GB82WEST12345698765432")).toBe(true);
    expect(ibanValid("DE89370400440532013000")).toBe(true);
    expect(ibanValid("GB82WEST12345698765433")).toBe(false);
    expect(ibanValid("DE8937040044053201300")).toBe(false); // one character short for Germany
  });
});

/** A registration number with a correct check digit for the given first twelve digits. */
function withCheckDigit(first12: string): string {
  const weights = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
  const sum = [...first12].reduce((total, digit, i) => total + Number(digit) * weights[i]!, 0);
  const check = (11 - (sum % 11)) % 10;
  const foreigner = Number(first12[6]) >= 5;
  return first12 + String(foreigner ? (check + 2) % 10 : check);
}

describe("Korean registration numbers", () => {
  it("validates the pre-2020 check digit, with +2 for foreigners", () => {
    expect(krRegistrationChecksumValid(withCheckDigit("850315123456"))).toBe(true);
    expect(krRegistrationChecksumValid(withCheckDigit("850315623456"))).toBe(true);
    const wrong = withCheckDigit("850315123456").slice(0, 12) + String((Number(withCheckDigit("850315123456")[12]) + 1) % 10);
    expect(krRegistrationChecksumValid(wrong)).toBe(false);
  });

  it("reads the birth date with the century from the gender digit and rejects dates that do not exist", () => {
    expect(krRegistrationBirthDate("8503151234567")).toEqual({ year: 1985, month: 3, day: 15 });
    expect(krRegistrationBirthDate("0502283234567")).toEqual({ year: 2005, month: 2, day: 28 });
    expect(krRegistrationBirthDate("0002294000000")).toEqual({ year: 2000, month: 2, day: 29 });
    expect(krRegistrationBirthDate("0102293000000")).toBeNull(); // 2001 was not a leap year
    expect(krRegistrationBirthDate("8513011234567")).toBeNull();
    expect(krRegistrationBirthDate("8503159234567")).toBeNull(); // 9: born in the 1800s, no longer issued
  });

  it("knows the calendar", () => {
    expect(isRealDate(2024, 2, 29)).toBe(true);
    expect(isRealDate(1900, 2, 29)).toBe(false);
    expect(isRealDate(2023, 4, 31)).toBe(false);
  });
});

describe("krBusinessNumberValid", () => {
  it("checks the business registration number's weighted check digit", () => {
    expect(krBusinessNumberValid("1208147521")).toBe(true);
    expect(krBusinessNumberValid("1208147522")).toBe(false);
    expect(krBusinessNumberValid("12081475")).toBe(false);
  });
});

describe("usSsnValid", () => {
  it("rejects numbers never issued", () => {
    expect(usSsnValid("536221234")).toBe(true);
    expect(usSsnValid("000221234")).toBe(false);
    expect(usSsnValid("666221234")).toBe(false);
    expect(usSsnValid("936221234")).toBe(false);
    expect(usSsnValid("536001234")).toBe(false);
    expect(usSsnValid("536220000")).toBe(false);
  });
});
