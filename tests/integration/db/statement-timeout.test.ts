import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/client";
import { type EmbeddedHost, startEmbeddedHost } from "@/lib/db/embedded/wire-host";
import { withTenant } from "@/lib/db/tenant";
import { LoreError } from "@/lib/errors";
import { migratedDatabase } from "@/tests/support/database";

const ENGINE = path.resolve(import.meta.dirname, "../../../lib/db/embedded/engine-thread.mjs");
let db: Database;
let tenantId: string;

beforeAll(async () => {
  db = await migratedDatabase();
  tenantId = (await db.prisma.tenant.create({ data: { slug: "slow", name: "Slow" } })).id;
});
afterAll(() => db.close());

describe("a statement timeout in the tenant layer", () => {
  it("stops a statement that overruns it with a plain LoreError, while the event loop stays free", async () => {
    const slow = withTenant(tenantId, (tx) => tx.$queryRaw`SELECT pg_sleep(2)`, { statementTimeoutMs: 200 }).then(
      () => "finished",
      (error: unknown) => error,
    );
    // The engine works in its own thread: a timer set now fires before the statement is stopped.
    const tick = new Promise((resolve) => setTimeout(() => resolve("tick"), 20));
    expect(await Promise.race([slow, tick])).toBe("tick");
    const error = await slow;
    expect(error).toBeInstanceOf(LoreError);
    expect(error).toMatchObject({ type: "unavailable", surface: "database" });
    expect((error as LoreError).message).toMatch(/longer than the 200 ms allowed/);
    // The connection and the database are usable afterwards.
    expect(await withTenant(tenantId, (tx) => tx.group.count())).toBe(0);
  });

  it("leaves statements within the limit alone", async () => {
    const rows = await withTenant(tenantId, (tx) => tx.$queryRaw<{ ok: number }[]>`SELECT 1 AS ok FROM pg_sleep(0.05)`, { statementTimeoutMs: 5_000 });
    expect(rows).toEqual([{ ok: 1 }]);
  });
});

describe("the embedded database's host, on a data directory", () => {
  let dir: string;
  let host: EmbeddedHost;
  let pool: pg.Pool;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "lore-host-"));
    host = startEmbeddedHost(path.join(dir, "pglite"), "128MB", ENGINE);
    pool = new pg.Pool({ host: host.socketDir, port: host.port, user: host.user, database: "postgres", max: 4 });
    pool.on("error", () => undefined);
    await pool.query("CREATE TABLE kept (n int)");
    await pool.query("INSERT INTO kept VALUES (1)");
  });
  afterAll(async () => {
    await pool.end();
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("answers an overrunning statement with Postgres' timeout error, restarts the engine, and the other connections carry on with nothing lost", async () => {
    const culprit = await pool.connect();
    await culprit.query("BEGIN");
    await culprit.query("SET LOCAL statement_timeout = 300");
    await culprit.query("INSERT INTO kept VALUES (2)");
    const stopped = culprit.query("SELECT pg_sleep(60)").catch((error: { code?: string }) => error);
    // Queued behind the culprit's transaction: runs on the restarted engine.
    const bystander = pool.query<{ n: number }>("SELECT n FROM kept ORDER BY n");
    expect(await stopped).toMatchObject({ code: "57014" });
    await culprit.query("ROLLBACK");
    culprit.release();
    expect((await bystander).rows).toEqual([{ n: 1 }]);
    expect(host.status()).toMatchObject({ state: "ready", restarts: 1 });
  });

  it("serves connections as its non-superuser owner and keeps transactions of different connections apart", async () => {
    const [a, b] = [await pool.connect(), await pool.connect()];
    await a.query("BEGIN");
    await a.query("INSERT INTO kept VALUES (3)");
    const seenByB = b.query<{ n: number }>("SELECT count(*)::int AS n FROM kept");
    await a.query("ROLLBACK");
    expect((await seenByB).rows[0]?.n).toBe(1);
    const { rows } = await b.query<{ su: boolean }>("SELECT rolsuper AS su FROM pg_roles WHERE rolname = current_user");
    expect(rows[0]?.su).toBe(false);
    a.release();
    b.release();
  });
});
