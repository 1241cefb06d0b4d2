import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";

const scrypt = promisify(scryptCallback) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;
const KEY_LENGTH = 32;

/** "scrypt$<salt>$<key>", base64url: scrypt is in Node itself, so no native addon is needed. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password.normalize("NFKC"), salt, KEY_LENGTH);
  return `scrypt$${salt.toString("base64url")}$${key.toString("base64url")}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, salt, key] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !key) return false;
  const expected = Buffer.from(key, "base64url");
  const actual = await scrypt(password.normalize("NFKC"), Buffer.from(salt, "base64url"), expected.length);
  return timingSafeEqual(actual, expected);
}

export const MIN_PASSWORD_LENGTH = 12;

/**
 * Why a password someone chooses is not acceptable, or null. Length is what makes a password hard to
 * guess (NIST SP 800-63B): at least 12 characters, any characters, Korean included; not the e-mail.
 */
export function newPasswordProblem(password: string, email: string): string | null {
  const length = [...password.normalize("NFKC")].length;
  if (length < MIN_PASSWORD_LENGTH) return `Choose a password of at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (length > 200) return "Choose a password of at most 200 characters.";
  if (password.includes("\u0000") || !password.isWellFormed()) return "The password contains characters that cannot be used.";
  if (new Set(password).size < 4) return "Choose a password with more different characters.";
  if (password.trim().toLowerCase() === email.trim().toLowerCase()) return "Your password cannot be your e-mail address.";
  return null;
}
