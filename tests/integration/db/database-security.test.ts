import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate";
import { systemDatabase } from "@/lib/db/system";
import { withCaller, withTenant } from "@/lib/db/tenant";
import { migratedDatabase } from "@/tests/support/database";

let db: Database;
const acme = randomUUID();
const globex = randomUUID();

beforeAll(async () => {
  db = await migratedDatabase();
  await db.prisma.tenant.createMany({
    data: [
      { id: acme, slug: "acme-sec", name: "Acme" },
      { id: globex, slug: "globex-sec", name: "Globex" },
    ],
  });
  for (const tenantId of [acme, globex]) {
    await withTenant(tenantId, (tx) => tx.group.create({ data: { tenantId, name: `staff of ${tenantId}` } }));
  }
});
afterAll(() => db.close());

describe("migrations", () => {
  it("are applied once: a second run applies nothing", async () => {
    expect(await applyMigrations(db)).toEqual([]);
    const rows = await db.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "_prisma_migrations"`;
    expect(rows[0]?.n).toBeGreaterThanOrEqual(3);
  });
});

describe("the embedded database", () => {
  // The default (512MB) is the configuration's (tests/unit/db/embedded-settings.test.ts); the tests ask for less (test-database-env.ts).
  it.skipIf(Boolean(process.env.DATABASE_URL))("runs with the shared buffers PGLITE_SHARED_BUFFERS asks for", async () => {
    const rows = await db.prisma.$queryRaw<{ shared_buffers: string }[]>`SHOW shared_buffers`;
    expect(rows[0]?.shared_buffers).toBe(process.env.PGLITE_SHARED_BUFFERS);
  });

  it.skipIf(Boolean(process.env.DATABASE_URL))("builds vector indexes with room for the graph of a few hundred thousand chunks", async () => {
    const rows = await db.prisma.$queryRaw<{ maintenance_work_mem: string }[]>`SHOW maintenance_work_mem`;
    expect(rows[0]?.maintenance_work_mem).toBe("512MB");
  });
});

describe("row-level security", () => {
  it("runs tenant work as the non-superuser role lore_app", async () => {
    const who = await withTenant(
      acme,
      (tx) => tx.$queryRaw<{ u: string; su: boolean }[]>`
      SELECT current_user AS u, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS su`,
    );
    expect(who[0]).toEqual({ u: "lore_app", su: false });
  });

  it("confines a query with no tenant filter to the transaction's tenant", async () => {
    const seen = await withTenant(acme, (tx) => tx.group.findMany());
    expect(seen.map((g) => g.tenantId)).toEqual([acme]);
  });

  it("refuses to write a row into another tenant", async () => {
    await expect(withTenant(acme, (tx) => tx.group.create({ data: { tenantId: globex, name: "smuggled" } }))).rejects.toThrow();
    const globexGroups = await withTenant(globex, (tx) => tx.group.findMany());
    expect(globexGroups.map((g) => g.name)).not.toContain("smuggled");
  });

  it("connects as a role that is not a superuser, so a query outside the tenant layer sees no tenant's rows", async () => {
    const [who] = await db.prisma.$queryRaw<{ su: boolean }[]>`SELECT rolsuper AS su FROM pg_roles WHERE rolname = current_user`;
    expect(who?.su).toBe(false);
    expect(await db.prisma.group.findMany()).toEqual([]);
    expect(await db.prisma.$queryRaw<unknown[]>`SELECT * FROM groups`).toEqual([]);
    // The tenants directory is not a tenant's data, and stays readable for sign-in.
    expect((await db.prisma.tenant.findMany()).map((t) => t.id).sort()).toEqual([acme, globex].sort());
  });

  it("binds a signed-in caller's tenant, id and role", async () => {
    const userId = randomUUID();
    const [bound] = await withCaller(
      { tenantId: acme, id: userId, role: "auditor" },
      (tx) =>
        tx.$queryRaw<{ tenant: string; user: string; role: string }[]>`
        SELECT current_setting('app.tenant_id') AS tenant, current_setting('app.user_id') AS user, current_setting('app.user_role') AS role`,
    );
    expect(bound).toEqual({ tenant: acme, user: userId, role: "auditor" });
  });

  it("shows nothing when no tenant is set", async () => {
    const rows = await db.prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL ROLE lore_app");
      return tx.group.findMany();
    });
    expect(rows).toEqual([]);
  });
});

describe("the tenant layer's transactions", () => {
  it("set the statement timeout, Postgres' own way, for every statement in them", async () => {
    const [setting] = await withTenant(acme, (tx) => tx.$queryRaw<{ timeout: string }[]>`SELECT current_setting('statement_timeout') AS timeout`, {
      statementTimeoutMs: 4_321,
    });
    expect(setting?.timeout).toBe("4321ms");
  });

  it("refuse a second transaction, or the system module, opened inside one's work", async () => {
    await expect(withTenant(acme, () => withTenant(globex, (tx) => tx.group.count()))).rejects.toThrow(/withTenant inside a tenant transaction/);
    await expect(withTenant(acme, async () => systemDatabase("tenant-directory").prisma.tenant.count())).rejects.toThrow(/inside a tenant transaction/);
    // Work begun inside a transaction that goes on after it ended may open its own.
    const ended = Promise.withResolvers<void>();
    let later: Promise<number> | undefined;
    await withTenant(acme, async (tx) => {
      later = ended.promise.then(() => withTenant(acme, (own) => own.group.count()));
      return tx.group.count();
    });
    ended.resolve();
    expect(await later).toBe(1);
  });
});
