import "server-only";
import { existsSync } from "node:fs";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { config } from "@/lib/config";
import { EMBEDDED_OWNER, type EmbeddedHost, type EngineStatus, embeddedSocketDirectory, startEmbeddedHost } from "@/lib/db/embedded/wire-host";
import { PrismaClient } from "@/lib/generated/prisma/client";

/** One connection held for a sequence of statements (session-level locks need that). */
export type SqlSession = {
  query<Row>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Runs a multi-statement script through the simple query protocol (no parameters). */
  exec(sql: string): Promise<void>;
};

/**
 * The process's raw connection to Postgres, as its owner role: Prisma for typed queries, plus a raw
 * session for what Prisma cannot send (multi-statement migration scripts under an advisory lock).
 * Only lib/db uses it: tenant work goes through lib/db/tenant.ts, cross-tenant work through
 * lib/db/system.ts (tests/unit/db/raw-client-imports.test.ts enforces that).
 *
 * With DATABASE_URL it is a pool of connections to that server. Without, this process hosts the
 * embedded database (PGlite) in a worker thread, served on a Unix socket (lib/db/embedded/), and the
 * pool connects to that socket: the same driver, the same SQL, and the event loop stays free while a
 * statement runs. Either way the connection is not a superuser, so row-level security binds it.
 */
export type Database = {
  kind: "pglite" | "postgres";
  prisma: PrismaClient;
  withSession<T>(work: (session: SqlSession) => Promise<T>): Promise<T>;
  /** The embedded engine's state (null with DATABASE_URL). */
  engine(): EngineStatus | null;
  close(): Promise<void>;
};

const holder = globalThis as unknown as { __loreDatabase?: Database };

/** Created on first use, so that `next build` (which imports route modules) never opens the database. */
export function database(): Database {
  holder.__loreDatabase ??= openDatabase(config().database);
  return holder.__loreDatabase;
}

/**
 * For a second process on the embedded database (`npm run worker` beside `npm start`): instead of
 * opening the data directory, which only one process may do, it connects to the socket of the server
 * that hosts it. With DATABASE_URL this is just database().
 */
export function databaseOfRunningServer(): Database {
  const target = config().database;
  if (target.kind === "postgres") return database();
  const socketDir = embeddedSocketDirectory(target.dataDir);
  if (target.dataDir.startsWith("memory://") || !existsSync(path.join(socketDir, ".s.PGSQL.5432"))) {
    throw new Error(
      `No running Lore server hosts the embedded database in ${target.dataDir}: start it first (npm start, with LORE_WORKERS=off), or set DATABASE_URL`,
    );
  }
  holder.__loreDatabase ??= overPool(new pg.Pool({ host: socketDir, port: 5432, user: EMBEDDED_OWNER, database: "postgres", max: 4 }), "pglite", null);
  return holder.__loreDatabase;
}

function openDatabase(target: ReturnType<typeof config>["database"]): Database {
  if (target.kind === "postgres") return overPool(new pg.Pool({ connectionString: target.url, max: 10 }), "postgres", null);
  const host = startEmbeddedHost(target.dataDir, target.sharedBuffers, engineScript());
  // One engine runs one statement at a time; more connections only wait in its queue.
  const pool = new pg.Pool({ host: host.socketDir, port: host.port, user: host.user, database: "postgres", max: 10 });
  return overPool(pool, "pglite", host);
}

function overPool(pool: pg.Pool, kind: Database["kind"], host: EmbeddedHost | null): Database {
  // An idle connection that the server (or the embedded host) closed is dropped by the pool; without
  // a listener its error would end the process.
  pool.on("error", () => undefined);
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    kind,
    prisma,
    withSession: async (work) => {
      const connection = await pool.connect();
      try {
        return await work({
          query: async (sql, params) => (await connection.query(sql, params)).rows,
          exec: async (sql) => {
            await connection.query(sql);
          },
        });
      } finally {
        connection.release();
      }
    },
    engine: () => host?.status() ?? null,
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
      await host?.close();
    },
  };
}

// Loaded by Node itself in a worker thread, from the source tree (the app's bundle does not include it).
function engineScript(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), "lib/db/embedded/engine-thread.mjs");
}
