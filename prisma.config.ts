import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  // The search tables keep vector and sparsevec columns, HNSW/GIN indexes and triggers that Prisma
  // cannot express; marking them external stops generated migrations from dropping them.
  experimental: { externalTables: true },
  tables: {
    external: [
      "public.chunks",
      "public.chunk_search",
      "public.search_term_stats",
      "public.search_tenant_stats",
      "public.search_acl_stats",
      "public.decision_search",
    ],
  },
  // Read only by the native migrate commands, which are not used here (see lib/db/migrate.ts).
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/unused" },
});
