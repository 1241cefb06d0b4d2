import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "@/lib/auth/authenticate";
import { admitAttempt } from "@/lib/auth/sign-in-throttle";
import { config } from "@/lib/config";
import type { Database } from "@/lib/db/client";
import { migratedDatabase } from "@/tests/support/database";
import { createTenant, FIXTURE_PASSWORD } from "@/tests/support/fixtures";

let db: Database;

beforeAll(async () => {
  db = await migratedDatabase();
  await createTenant(
    "acme",
    [],
    [
      { key: "alice", role: "employee", groups: [] },
      { key: "bob", role: "employee", groups: [] },
      { key: "carol", role: "employee", groups: [] },
    ],
  );
});
afterAll(() => db.close());

const { failuresPerAccount, failuresPerAddress } = config().signInThrottle;
const fail = (email: string, address: string | null) => authenticate("acme", email, "wrong password", address);

describe("password sign-in throttling", () => {
  it("locks an account after repeated failures, even with the right password, and says for how long", async () => {
    for (let i = 0; i < failuresPerAccount; i++) expect(await fail("alice@acme.test", `10.0.0.${i}`)).toEqual({ ok: false, reason: "invalid_credentials" });
    const locked = await authenticate("acme", "alice@acme.test", FIXTURE_PASSWORD, "10.0.1.1");
    expect(locked).toMatchObject({ ok: false, reason: "too_many_attempts" });
    expect(locked.ok === false && "retryAfterSeconds" in locked && locked.retryAfterSeconds).toBeGreaterThan(14 * 60);
    // Other accounts are not affected.
    expect(await authenticate("acme", "bob@acme.test", FIXTURE_PASSWORD, "10.0.1.1")).toMatchObject({ ok: true });
  });

  it("treats an e-mail that does not exist exactly like one that does", async () => {
    for (let i = 0; i < failuresPerAccount; i++) expect(await fail("nobody@acme.test", null)).toEqual({ ok: false, reason: "invalid_credentials" });
    expect(await fail("nobody@acme.test", null)).toMatchObject({ reason: "too_many_attempts" });
  });

  it("a success clears the account's count", async () => {
    for (let i = 0; i < failuresPerAccount - 1; i++) await fail("bob@acme.test", null);
    expect(await authenticate("acme", "BOB@acme.test", FIXTURE_PASSWORD, null)).toMatchObject({ ok: true });
    for (let i = 0; i < failuresPerAccount - 1; i++) await fail("bob@acme.test", null);
    expect(await authenticate("acme", "bob@acme.test", FIXTURE_PASSWORD, null)).toMatchObject({ ok: true });
  });

  it("lets no more guesses through than the limit when they arrive all at once", async () => {
    // Counted before the password is checked: a burst cannot all pass a check made before any failed.
    const burst = await Promise.all(Array.from({ length: failuresPerAccount * 3 }, () => fail("carol@acme.test", null)));
    expect(burst.filter((r) => r.ok === false && r.reason === "invalid_credentials")).toHaveLength(failuresPerAccount);
    expect(burst.filter((r) => r.ok === false && r.reason === "too_many_attempts")).toHaveLength(failuresPerAccount * 2);
  });

  it("limits one address trying many accounts, and successes from it do not count", async () => {
    // Counted as authenticate counts them (each a distinct account), without hashing a hundred passwords.
    for (let i = 0; i < failuresPerAddress - 2; i++)
      expect(await admitAttempt({ workspace: "acme", email: `guess${i}@acme.test`, address: "203.0.113.7" })).toBe(0);
    expect(await authenticate("acme", "bob@acme.test", FIXTURE_PASSWORD, "203.0.113.7")).toMatchObject({ ok: true });
    expect(await fail("one-more@acme.test", "203.0.113.7")).toEqual({ ok: false, reason: "invalid_credentials" });
    expect(await fail("and-another@acme.test", "203.0.113.7")).toEqual({ ok: false, reason: "invalid_credentials" });
    expect(await authenticate("acme", "bob@acme.test", FIXTURE_PASSWORD, "203.0.113.7")).toMatchObject({ reason: "too_many_attempts" });
    expect(await authenticate("acme", "bob@acme.test", FIXTURE_PASSWORD, "203.0.113.8")).toMatchObject({ ok: true });
  });

  it("keeps no e-mail address or network address in its table", async () => {
    const keys = await db.prisma.signInThrottle.findMany({ select: { key: true } });
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.some((k) => /@|203\.0|10\.0/.test(k.key))).toBe(false);
  });
});
