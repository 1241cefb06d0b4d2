import "server-only";
import { systemDatabase } from "@/lib/db/system";
import { withTenant } from "@/lib/db/tenant";
import { logger } from "@/lib/log";
import { chunkTerms, sparseLiteral, TERMS_VERSION } from "@/lib/retrieval/bm25";

const BACKFILL_BATCH = 500;

/**
 * Computes the search terms of chunks written before search stored them, or under another version
 * of the analysis (TERMS_VERSION), tenant by tenant in short transactions; the chunks' triggers
 * move them into the search index. Returns how many chunks it updated.
 */
export async function backfillSearchTerms(): Promise<number> {
  const tenants = await systemDatabase("tenant-directory").prisma.tenant.findMany({ select: { id: true } });
  let updated = 0;
  for (const { id: tenantId } of tenants) {
    for (;;) {
      const done = await withTenant(tenantId, async (tx) => {
        const stale = await tx.$queryRaw<{ id: string; headingPath: string; content: string }[]>`
          SELECT id, heading_path AS "headingPath", content FROM chunks
          WHERE tenant_id = ${tenantId}::uuid AND terms_version <> ${TERMS_VERSION}
          LIMIT ${BACKFILL_BATCH}`;
        if (stale.length === 0) return 0;
        const terms = stale.map((chunk) => chunkTerms(tenantId, chunk));
        await tx.$executeRaw`
          UPDATE chunks SET term_ids = t.ids::int[], term_weights = t.weights::sparsevec, term_count = t.length, terms_version = ${TERMS_VERSION}
          FROM unnest(${stale.map((c) => c.id)}::uuid[], ${terms.map((t) => `{${t.ids.join(",")}}`)}::text[],
                      ${terms.map((t) => sparseLiteral(t.ids, t.weights))}::text[], ${terms.map((t) => t.length)}::int[]) AS t(id, ids, weights, length)
          WHERE chunks.id = t.id`;
        return stale.length;
      });
      if (done === 0) break;
      updated += done;
    }
  }
  if (updated > 0) logger().info({ chunks: updated }, "computed search terms for chunks written before this version");
  return updated;
}

/**
 * Checks that search can be fast on this database and warns at start-up when it cannot: the search
 * index must be readable by its owner past row-level security (not FORCEd), its GIN indexes valid,
 * and pgvector new enough for sparse vectors and iterative HNSW scans. Returns the problems found.
 */
export async function checkSearchSetup(): Promise<string[]> {
  const problems: string[] = [];
  const db = systemDatabase("maintenance");
  const [table] = await db.prisma.$queryRaw<{ forced: boolean }[]>`
    SELECT relforcerowsecurity AS forced FROM pg_class WHERE relname = 'chunk_search' AND relnamespace = 'public'::regnamespace`;
  if (!table) problems.push("the search index table chunk_search is missing (migrations not applied?)");
  else if (table.forced) problems.push("row-level security is FORCEd on chunk_search, so lexical search cannot use its GIN indexes");
  const indexes = await db.prisma.$queryRaw<{ name: string; valid: boolean }[]>`
    SELECT c.relname AS name, i.indisvalid AS valid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
    WHERE c.relname IN ('chunk_search_terms_gin', 'chunk_search_acl_gin')`;
  for (const name of ["chunk_search_terms_gin", "chunk_search_acl_gin"]) {
    const index = indexes.find((i) => i.name === name);
    if (!index?.valid) problems.push(`the index ${name} is ${index ? "invalid" : "missing"}, so every search reads the whole tenant`);
  }
  const [extension] = await db.prisma.$queryRaw<{ version: string }[]>`SELECT extversion AS version FROM pg_extension WHERE extname = 'vector'`;
  const [major = 0, minor = 0] = (extension?.version ?? "0.0").split(".").map(Number);
  if (major === 0 && minor < 8)
    problems.push(
      `pgvector ${extension?.version ?? "(missing)"} is older than 0.8: no iterative HNSW scans, so ACL-filtered vector search may return too few passages`,
    );
  for (const problem of problems) logger().warn({ problem }, "search is degraded");
  return problems;
}
