import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import type { Database, SqlSession } from "@/lib/db/client";

/**
 * Applies the committed migrations under prisma/migrations that the database has not seen, in name
 * order, each in its own transaction. Bookkeeping uses Prisma's own _prisma_migrations table and
 * checksums, so `prisma migrate deploy` with the native engine agrees with what was applied here.
 * An advisory lock lets several app instances start against one Postgres at the same time.
 */
export async function applyMigrations(db: Pick<Database, "withSession">, migrationsDir = defaultMigrationsDir()): Promise<string[]> {
  const migrations = readMigrations(migrationsDir);
  return db.withSession(async (session) => {
    await session.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    try {
      await session.exec(PRISMA_MIGRATIONS_TABLE);
      const applied = new Map(
        (
          await session.query<{ migration_name: string; checksum: string }>(
            `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
          )
        ).map((row) => [row.migration_name, row.checksum]),
      );
      const newlyApplied: string[] = [];
      for (const migration of migrations) {
        const seen = applied.get(migration.name);
        if (seen !== undefined) {
          if (seen !== migration.checksum) {
            throw new Error(`Migration ${migration.name} was changed after it was applied; add a new migration instead`);
          }
          continue;
        }
        await applyOne(session, migration);
        newlyApplied.push(migration.name);
      }
      return newlyApplied;
    } finally {
      await session.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]);
    }
  });
}

type Migration = { name: string; sql: string; checksum: string };

const MIGRATION_LOCK = 72_707_369;

const PRISMA_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

function defaultMigrationsDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), "prisma/migrations");
}

function readMigrations(dir: string): Migration[] {
  if (!existsSync(dir)) throw new Error(`No migrations folder at ${dir}`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      if (!/^[\w-]+$/.test(name)) throw new Error(`Unexpected migration folder name: ${name}`);
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

// The script and its bookkeeping row commit together, so a failed migration leaves no trace to repair.
async function applyOne(session: SqlSession, migration: Migration): Promise<void> {
  const record = `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
    VALUES ('${randomUUID()}', '${migration.checksum}', '${migration.name}', now(), now(), 1);`;
  try {
    await session.exec(`BEGIN;\n${migration.sql}\n;\n${record}\nCOMMIT;`);
  } catch (error) {
    await session.exec("ROLLBACK").catch(() => undefined);
    throw new Error(`Migration ${migration.name} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
