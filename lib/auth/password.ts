import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";

type ScryptParams = { N: number; r: number; p: number };
const scrypt = promisify(scryptCallback) as (password: string, salt: Buffer, keylen: number, options: ScryptParams & { maxmem: number }) => Promise<Buffer>;
const KEY_LENGTH = 32;

// OWASP's scrypt minimum, in the variant that needs the least memory per hash (16 MiB): N=2^14,
// r=8, p=5. Hashes made before (p=1, written without parameters) still verify and are rehashed at
// the next successful sign-in.
const CURRENT: ScryptParams = { N: 2 ** 14, r: 8, p: 5 };
const LEGACY: ScryptParams = { N: 2 ** 14, r: 8, p: 1 };
const run = (password: string, salt: Buffer, length: number, params: ScryptParams) =>
  scrypt(password.normalize("NFKC"), salt, length, { ...params, maxmem: 256 * params.N * params.r });

/** "scrypt$N=…,r=…,p=…$<salt>$<key>", base64url: scrypt is in Node itself, so no native addon is needed. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await run(password, salt, KEY_LENGTH, CURRENT);
  return `scrypt$N=${CURRENT.N},r=${CURRENT.r},p=${CURRENT.p}$${salt.toString("base64url")}$${key.toString("base64url")}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split("$");
  const [params, salt, key] = parts.length === 4 ? [parseParams(parts[1]!), parts[2], parts[3]] : [LEGACY, parts[1], parts[2]];
  if (parts[0] !== "scrypt" || !params || !salt || !key) return false;
  const expected = Buffer.from(key, "base64url");
  const actual = await run(password, Buffer.from(salt, "base64url"), expected.length, params);
  return timingSafeEqual(actual, expected);
}

/** Whether a stored hash was made with weaker parameters than today's and should be made again. */
export function needsRehash(stored: string): boolean {
  return !stored.startsWith(`scrypt$N=${CURRENT.N},r=${CURRENT.r},p=${CURRENT.p}$`);
}

function parseParams(text: string): ScryptParams | null {
  const match = /^N=(\d+),r=(\d+),p=(\d+)$/.exec(text);
  if (!match) return null;
  const [N, r, p] = match.slice(1).map(Number) as [number, number, number];
  // Bounds keep a tampered row from making verification exhaust memory or time.
  return N <= 2 ** 20 && r <= 32 && p <= 16 ? { N, r, p } : null;
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
