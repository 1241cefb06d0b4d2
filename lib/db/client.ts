import "server-only";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { vector } from "@electric-sql/pglite-pgvector";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { config } from "@/lib/config";
import { PrismaClient } from "@/lib/generated/prisma/client";

/** One connection held for a sequence of statements (session-level locks need that). */
export type SqlSession = {
  query<Row>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Runs a multi-statement script through the simple query protocol (no parameters). */
  exec(sql: string): Promise<void>;
};

/**
 * The process's connection to Postgres: Prisma for typed queries, plus a raw session for what Prisma
 * cannot send (multi-statement migration scripts under an advisory lock). With DATABASE_URL it is a pooled connection to that
 * server; without, an embedded PGlite owned by this process (PGlite has no cross-process lock, so
 * exactly one process may open a data directory).
 */
export type Database = {
  kind: "pglite" | "postgres";
  prisma: PrismaClient;
  withSession<T>(work: (session: SqlSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

const holder = globalThis as unknown as { __loreDatabase?: Database };

/** Created on first use, so that `next build` (which imports route modules) never opens the database. */
export function database(): Database {
  holder.__loreDatabase ??= openDatabase(config().database);
  return holder.__loreDatabase;
}

function openDatabase(target: ReturnType<typeof config>["database"]): Database {
  if (target.kind === "postgres") {
    const pool = new pg.Pool({ connectionString: target.url, max: 10 });
    return {
      kind: "postgres",
      prisma: new PrismaClient({ adapter: new PrismaPg(pool) }),
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
      close: () => pool.end(),
    };
  }
  const client = openPGlite(target.dataDir);
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(client) });
  return {
    kind: "pglite",
    prisma,
    withSession: (work) =>
      work({
        query: async <Row>(sql: string, params?: unknown[]) => (await client.query<Row>(sql, params)).rows,
        exec: async (sql) => {
          await client.exec(sql);
        },
      }),
    close: async () => {
      await prisma.$disconnect();
      await client.close();
    },
  };
}

function openPGlite(dataDir: string): PGlite {
  // "memory://" means a throwaway database; PGlite keeps one in memory when given no directory.
  if (dataDir.startsWith("memory://")) return new PGlite({ extensions: { vector } });
  // PGlite creates only the last segment of the path.
  mkdirSync(path.dirname(dataDir), { recursive: true });
  return new PGlite({ dataDir, extensions: { vector } });
}
