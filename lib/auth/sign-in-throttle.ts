import "server-only";
import { createHash } from "node:crypto";
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { config } from "@/lib/config";
import { type SystemDatabase, systemDatabase } from "@/lib/db/system";

/**
 * Brute-force protection for password sign-in (rate-limiter-flexible on Postgres, through Prisma):
 * attempts are counted per account (workspace + e-mail, known or not, so the limit reveals nothing)
 * and per network address (lib/auth/client-address.ts); past either limit, sign-in is refused until
 * the window ends. An attempt is counted before its password is checked, in one atomic upsert, so a
 * burst of concurrent guesses cannot all pass a check made before any of them failed; a success
 * then clears the account's count and gives the address its point back, so only failures add up.
 * Counts live in the database, so every app instance shares them. Limits: lib/config.ts.
 */
type Limiters = { client: SystemDatabase["prisma"]; account: RateLimiterPrisma; address: RateLimiterPrisma };
let current: Limiters | undefined;
let lastSweep = 0;

// Made again when the database client changes (a test opens a new one), never per request.
function limiters(): Limiters {
  const client = systemDatabase("sign-in-limits").prisma;
  if (current?.client !== client) {
    const { failuresPerAccount, failuresPerAddress, windowSeconds } = config().signInThrottle;
    const limiter = (keyPrefix: string, points: number) =>
      new RateLimiterPrisma({ storeClient: client, tableName: "signInThrottle", keyPrefix, points, duration: windowSeconds, clearExpiredByTimeout: false });
    current = { client, account: limiter("account", failuresPerAccount), address: limiter("address", failuresPerAddress) };
  }
  return current;
}

// Keys are hashed: the table then holds no e-mail or network address.
const key = (...parts: string[]) => createHash("sha256").update(parts.join("\u0000")).digest("base64url");
const accountKey = (attempt: Attempt) => key(attempt.workspace.trim().toLowerCase(), attempt.email.trim().toLowerCase());

export type Attempt = { workspace: string; email: string; address: string | null };

/** Counts a sign-in attempt; answers 0 when it may go ahead, else the seconds until one may be made. */
export async function admitAttempt(attempt: Attempt): Promise<number> {
  const { client, account, address } = limiters();
  // A window that ended is only reset when its key comes back; rows of keys that never do are
  // removed here now and then, rather than by the library's timer in every process.
  if (Date.now() - lastSweep > 5 * 60_000) {
    lastSweep = Date.now();
    await client.signInThrottle.deleteMany({ where: { expire: { lt: new Date() } } });
  }
  const waits = await Promise.all([secondsRefused(account, accountKey(attempt)), attempt.address ? secondsRefused(address, key(attempt.address)) : 0]);
  return Math.max(...waits);
}

// consume() rejects with the limiter's result once the limit is passed; anything else is a failure.
function secondsRefused(limiter: RateLimiterPrisma, id: string): Promise<number> {
  return limiter.consume(id).then(
    () => 0,
    (result: unknown) => {
      if (!(result instanceof RateLimiterRes)) throw result;
      return Math.max(1, Math.ceil(result.msBeforeNext / 1000));
    },
  );
}

/** A successful sign-in: the account starts afresh, and the address is not charged for it. */
export async function attemptSucceeded(attempt: Attempt): Promise<void> {
  const { account, address } = limiters();
  await Promise.all([account.delete(accountKey(attempt)), attempt.address ? address.reward(key(attempt.address), 1) : null]);
}
