import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startEmbeddedHost } from "@/lib/db/embedded/wire-host";
import { applyMigrations } from "@/lib/db/migrate";

declare module "vitest" {
  export interface ProvidedContext {
    /** The migrated embedded database dumped to a file, which each integration test file starts a copy of (null on Postgres). */
    pgliteTemplate: string | null;
  }
}

const ENGINE = path.resolve(import.meta.dirname, "../../lib/db/embedded/engine-thread.mjs");
const DUMP = path.resolve(import.meta.dirname, "dump-pglite.mjs");

/**
 * Applies the committed migrations once, to the database every integration test file's own is
 * copied from (test-database-env.ts), so that no file pays for them again: the template database on
 * the Postgres server named by LORE_TEST_POSTGRES_URL, or else an embedded database built as the app
 * starts it and dumped to a file. Initialising PGlite anew takes seconds (initdb in WebAssembly);
 * loading a dump takes a fraction of that.
 */
export default async function setup(project: TestProject) {
  const postgresTemplate = process.env.LORE_TEST_POSTGRES_URL;
  if (postgresTemplate) {
    // Postgres copies a template only while nobody is connected to it: the pool ends before any file starts.
    await migrate(new pg.Pool({ connectionString: postgresTemplate, max: 1 }));
    project.provide("pgliteTemplate", null);
    return;
  }
  const dir = mkdtempSync(path.join(tmpdir(), "lore-template-"));
  const dataDir = path.join(dir, "pglite");
  const host = startEmbeddedHost(dataDir, "128MB", ENGINE);
  try {
    await migrate(new pg.Pool({ host: host.socketDir, port: host.port, user: host.user, database: "postgres", max: 1 }));
  } finally {
    await host.close();
  }
  const template = path.join(dir, "template.tar");
  const dump = new Worker(DUMP, { workerData: { dataDir, file: template } });
  const [code] = (await once(dump, "exit")) as [number];
  if (code !== 0) throw new Error(`Dumping the migrated embedded database failed (exit code ${code})`);
  project.provide("pgliteTemplate", template);
  return () => rmSync(dir, { recursive: true, force: true });
}

async function migrate(pool: pg.Pool): Promise<void> {
  try {
    await applyMigrations({
      withSession: async (work) => {
        const connection = await pool.connect();
        try {
          return await work({
            query: async (sql, params) => (await connection.query(sql, params)).rows,
            exec: async (sql) => void (await connection.query(sql)),
          });
        } finally {
          connection.release();
        }
      },
    });
  } finally {
    await pool.end();
  }
}
