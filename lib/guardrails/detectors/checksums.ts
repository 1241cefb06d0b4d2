/** Check digits of the identifiers the PII detectors recognise; each takes the bare digits or characters. */

/** Payment card numbers (ISO/IEC 7812). */
export function luhnValid(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** IBAN (ISO 13616): move the first four characters to the end, letters to 10..35, the number mod 97 is 1. */
export function ibanValid(iban: string): boolean {
  const compact = iban.toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(compact)) return false;
  const expected = IBAN_LENGTHS[compact.slice(0, 2)];
  if (expected !== undefined && expected !== compact.length) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const value = char <= "9" ? char.charCodeAt(0) - 48 : char.charCodeAt(0) - 55;
    remainder = value > 9 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
  }
  return remainder === 1;
}

/** IBAN length by country (the SWIFT IBAN registry); unknown countries are checked by mod-97 alone. */
export const IBAN_LENGTHS: Record<string, number> = {
  AD: 24,
  AE: 23,
  AL: 28,
  AT: 20,
  AZ: 28,
  BA: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  BR: 29,
  BY: 28,
  CH: 21,
  CR: 22,
  CY: 28,
  CZ: 24,
  DE: 22,
  DK: 18,
  DO: 28,
  EE: 20,
  EG: 29,
  ES: 24,
  FI: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  GT: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IQ: 23,
  IS: 26,
  IT: 27,
  JO: 30,
  KW: 30,
  KZ: 20,
  LB: 28,
  LC: 32,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  MC: 27,
  MD: 24,
  ME: 22,
  MK: 19,
  MR: 27,
  MT: 31,
  MU: 30,
  NL: 18,
  NO: 15,
  PK: 24,
  PL: 28,
  PS: 29,
  PT: 25,
  QA: 29,
  RO: 24,
  RS: 22,
  SA: 24,
  SC: 31,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  ST: 25,
  SV: 28,
  TL: 23,
  TN: 24,
  TR: 26,
  UA: 29,
  VA: 22,
  VG: 24,
  XK: 20,
};

/**
 * Korean resident (and foreigner) registration number check digit, used for numbers issued before
 * October 2020. Newer numbers have a random last digit, so a failed check lowers confidence only.
 */
export function krRegistrationChecksumValid(digits: string): boolean {
  if (!/^\d{13}$/.test(digits)) return false;
  const weights = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += (digits.charCodeAt(i) - 48) * weights[i]!;
  const gender = digits.charCodeAt(6) - 48;
  // Foreigner numbers (gender digit 5-8) add 2 to the check digit.
  const check = (11 - (sum % 11)) % 10;
  const expected = gender >= 5 && gender <= 8 ? (check + 2) % 10 : check;
  return expected === digits.charCodeAt(12) - 48;
}

/**
 * The birth date encoded in a registration number: YYMMDD plus the century from the gender digit
 * (1,2,5,6 → 1900s; 3,4,7,8 → 2000s). Null when the date does not exist or the digit is not one of those.
 */
export function krRegistrationBirthDate(digits: string): { year: number; month: number; day: number } | null {
  const gender = digits.charCodeAt(6) - 48;
  const century = [1, 2, 5, 6].includes(gender) ? 1900 : [3, 4, 7, 8].includes(gender) ? 2000 : null;
  if (century === null) return null;
  const year = century + Number(digits.slice(0, 2));
  const month = Number(digits.slice(2, 4));
  const day = Number(digits.slice(4, 6));
  return isRealDate(year, month, day) ? { year, month, day } : null;
}

export function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
}

/** Korean business registration number (사업자등록번호), 10 digits. */
export function krBusinessNumberValid(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  const weights = [1, 3, 7, 1, 3, 7, 1, 3, 5];
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (digits.charCodeAt(i) - 48) * weights[i]!;
  sum += Math.floor(((digits.charCodeAt(8) - 48) * 5) / 10);
  return (10 - (sum % 10)) % 10 === digits.charCodeAt(9) - 48;
}

/** US Social Security number: area not 000, 666 or 9xx; group not 00; serial not 0000. */
export function usSsnValid(digits: string): boolean {
  if (!/^\d{9}$/.test(digits)) return false;
  const area = digits.slice(0, 3);
  if (area === "000" || area === "666" || area[0] === "9") return false;
  if (digits.slice(3, 5) === "00" || digits.slice(5) === "0000") return false;
  // Numbers published in advertisements and documentation, never issued to a person.
  return !/^(\d)\1{8}$/.test(digits) && digits !== "123456789" && digits !== "078051120" && digits !== "219099999";
}
