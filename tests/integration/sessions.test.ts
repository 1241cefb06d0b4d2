import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSession, revokeSession, revokeUserSessions, touchSession } from "@/lib/auth/sessions";
import type { AuthenticatedUser } from "@/lib/auth/user";
import { config } from "@/lib/config";
import type { Database } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { migratedDatabase } from "@/tests/support/database";
import { createTenant } from "@/tests/support/fixtures";

let db: Database;
let alice: AuthenticatedUser;
let bob: AuthenticatedUser;
let sam: AuthenticatedUser;

beforeAll(async () => {
  db = await migratedDatabase();
  const acme = await createTenant(
    "acme",
    [],
    [
      { key: "alice", role: "employee", groups: [] },
      { key: "bob", role: "employee", groups: [] },
    ],
  );
  const globex = await createTenant("globex", [], [{ key: "sam", role: "employee", groups: [] }]);
  alice = acme.users.alice!;
  bob = acme.users.bob!;
  sam = globex.users.sam!;
});
afterAll(() => db.close());

const live = (user: AuthenticatedUser, id: string, at: Date, tenantId = user.tenantId) =>
  withTenant(tenantId, (tx) => touchSession(tx, { id, userId: user.id }, at));
const later = (from: Date, seconds: number) => new Date(from.getTime() + seconds * 1000);

describe("server-side sessions", () => {
  const { lifetimeSeconds, idleTimeoutSeconds } = config().sessions;

  it("uses the defaults: eight hours at most, one hour idle", () => {
    expect(lifetimeSeconds).toBe(8 * 60 * 60);
    expect(idleTimeoutSeconds).toBe(60 * 60);
  });

  it("is live after sign-in and dead the moment it is signed out", async () => {
    const start = new Date();
    const id = await openSession(alice, "password", start);
    expect(await live(alice, id, later(start, 1))).toBe(true);
    await revokeSession(alice.tenantId, id, "signed_out", later(start, 2));
    expect(await live(alice, id, later(start, 3))).toBe(false);
    // Signing out twice is harmless and keeps the first reason and time.
    await revokeSession(alice.tenantId, id, "revoked", later(start, 4));
    const row = await withTenant(alice.tenantId, (tx) => tx.session.findUniqueOrThrow({ where: { id } }));
    expect(row).toMatchObject({ revokedWhy: "signed_out", revokedAt: later(start, 2) });
  });

  it("ends after the idle timeout, and each request restarts the idle clock", async () => {
    const start = new Date();
    const idle = await openSession(alice, "password", start);
    expect(await live(alice, idle, later(start, idleTimeoutSeconds + 1))).toBe(false);

    const used = await openSession(alice, "password", start);
    let now = start;
    for (let step = 0; step < 4; step++) {
      now = later(now, idleTimeoutSeconds * 0.8);
      expect(await live(alice, used, now), `request ${step}`).toBe(true);
    }
    expect(await live(alice, used, later(now, idleTimeoutSeconds + 1))).toBe(false);
  });

  it("ends at its lifetime however busy it is", async () => {
    const start = new Date();
    const id = await openSession(alice, "password", start);
    let now = start;
    while (now.getTime() < start.getTime() + (lifetimeSeconds - idleTimeoutSeconds / 2) * 1000) {
      now = later(now, idleTimeoutSeconds / 2);
      expect(await live(alice, id, now)).toBe(true);
    }
    expect(await live(alice, id, later(start, lifetimeSeconds))).toBe(false);
  });

  it("belongs to one user in one workspace", async () => {
    const now = new Date();
    const id = await openSession(alice, "password", now);
    expect(await live(bob, id, now)).toBe(false);
    // Named from another workspace's transaction, row-level security hides it.
    expect(await live(alice, id, now, sam.tenantId)).toBe(false);
    await revokeSession(sam.tenantId, id, "revoked");
    expect(await live(alice, id, now)).toBe(true);
  });

  it("ends every session of a user at once (deactivation), and only theirs", async () => {
    const now = new Date();
    const phone = await openSession(bob, "password", now);
    const laptop = await openSession(bob, "oidc", now);
    const other = await openSession(alice, "password", now);
    const revoked = await withTenant(bob.tenantId, (tx) => revokeUserSessions(tx, bob.id, "deactivated", now));
    expect(revoked).toBe(2);
    expect(await live(bob, phone, now)).toBe(false);
    expect(await live(bob, laptop, now)).toBe(false);
    expect(await live(alice, other, now)).toBe(true);
  });
});
