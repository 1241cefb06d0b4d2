import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/client";
import { checkpointWhenDue } from "@/lib/ingest/jobs/table-upkeep";
import { migratedDatabase } from "@/tests/support/database";

// The embedded database has no checkpointer: the worker's upkeep makes the checkpoints, so that the
// write-ahead log stops growing and a restart replays only what came after the last one.

let db: Database;

beforeAll(async () => {
  db = await migratedDatabase();
});
afterAll(() => db.close());

const redo = async () => (await db.prisma.$queryRaw<{ lsn: string }[]>`SELECT redo_lsn::text AS lsn FROM pg_control_checkpoint()`)[0]!.lsn;

describe("checkpoints", () => {
  it.skipIf(Boolean(process.env.DATABASE_URL))("are made on the embedded database once enough log was written since the last", async () => {
    const before = await redo();
    // About 20 MB of log, more than the threshold given (a log segment).
    await db.prisma.$executeRawUnsafe(`CREATE TABLE wal_filler AS SELECT repeat(md5(g::text), 32) AS x FROM generate_series(1, 20000) g`);
    expect(await checkpointWhenDue(16 * 2 ** 20)).toBe(true);
    const after = await redo();
    expect(after).not.toBe(before);
    // Nothing written since: not due, by the threshold given or by the default rule.
    expect(await checkpointWhenDue(16 * 2 ** 20)).toBe(false);
    expect(await checkpointWhenDue()).toBe(false);
    expect(await redo()).toBe(after);
  });

  it.runIf(Boolean(process.env.DATABASE_URL))("are left to the checkpointer on PostgreSQL", async () => {
    expect(await checkpointWhenDue(1)).toBe(false);
  });
});
