import "server-only";
import { createHash } from "node:crypto";
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { database } from "@/lib/db/client";

/**
 * Brute-force protection for password sign-in (rate-limiter-flexible on Postgres, through Prisma):
 * failures are counted per account (workspace + e-mail, known or not, so the limit reveals nothing)
 * and per network address; past either limit, sign-in is refused until the window ends. A success
 * clears the account's count. Counts live in the database, so every app instance shares them.
 */
const WINDOW_SECONDS = 15 * 60;
export const ACCOUNT_FAILURES = 10;
export const ADDRESS_FAILURES = 100;

const holder = globalThis as unknown as { __loreSignInThrottle?: { account: RateLimiterPrisma; address: RateLimiterPrisma } };

function limiters() {
  holder.__loreSignInThrottle ??= {
    account: limiter("account", ACCOUNT_FAILURES),
    address: limiter("address", ADDRESS_FAILURES),
  };
  return holder.__loreSignInThrottle;
}

function limiter(keyPrefix: string, points: number): RateLimiterPrisma {
  return new RateLimiterPrisma({ storeClient: database().prisma, tableName: "signInThrottle", keyPrefix, points, duration: WINDOW_SECONDS, clearExpiredByTimeout: false });
}

// Keys are hashed: the table then holds no e-mail or network address.
const key = (...parts: string[]) => createHash("sha256").update(parts.join("\u0000")).digest("base64url");
const accountKey = (workspace: string, email: string) => key(workspace.trim().toLowerCase(), email.trim().toLowerCase());

export type Attempt = { workspace: string; email: string; address: string | null };

/** Seconds until the next attempt is allowed, or 0 when one may be made now. */
export async function secondsUntilAllowed(attempt: Attempt): Promise<number> {
  const { account, address } = limiters();
  const [byAccount, byAddress] = await Promise.all([
    account.get(accountKey(attempt.workspace, attempt.email)),
    attempt.address ? address.get(key(attempt.address)) : null,
  ]);
  const wait = (res: RateLimiterRes | null, limit: number) => (res && res.consumedPoints >= limit ? Math.ceil(res.msBeforeNext / 1000) : 0);
  return Math.max(wait(byAccount, ACCOUNT_FAILURES), wait(byAddress, ADDRESS_FAILURES));
}

export async function recordFailure(attempt: Attempt): Promise<void> {
  const { account, address } = limiters();
  // consume() rejects once the limit is passed; the count is what matters here, not the rejection.
  const count = (limiterOf: RateLimiterPrisma, id: string) => limiterOf.consume(id).catch((result: unknown) => {
    if (!(result instanceof RateLimiterRes)) throw result;
  });
  await Promise.all([count(account, accountKey(attempt.workspace, attempt.email)), attempt.address ? count(address, key(attempt.address)) : null]);
}

export async function recordSuccess(attempt: Attempt): Promise<void> {
  await limiters().account.delete(accountKey(attempt.workspace, attempt.email));
}

/**
 * The client's address as the nearest proxy saw it: the last X-Forwarded-For entry (the one that
 * proxy appended; earlier entries are whatever the client sent), else X-Real-IP.
 */
export function clientAddress(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-for")?.split(",").map((part) => part.trim()).filter(Boolean);
  return forwarded?.at(-1) ?? headers.get("x-real-ip") ?? null;
}
