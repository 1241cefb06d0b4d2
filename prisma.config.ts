import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  // The search table keeps a generated tsvector, a vector column and HNSW/GIN indexes that
  // Prisma cannot express; marking it external stops generated migrations from dropping them.
  experimental: { externalTables: true },
  tables: { external: ["public.chunks", "public.decision_search"] },
  // Read only by the native migrate commands, which are not used here (see lib/db/migrate.ts).
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/unused" },
});
