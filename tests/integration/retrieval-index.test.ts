import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { deleteDocument } from "@/lib/ingest/document-actions";
import { changeReaders } from "@/lib/ingest/readers";
import { drainIngestQueue } from "@/lib/ingest/jobs/worker";
import { uploadNewVersion } from "@/lib/ingest/upload";
import { retrieve } from "@/lib/retrieval/hybrid-search";
import { backfillSearchTerms, checkSearchSetup } from "@/lib/retrieval/search-setup";
import { acmeWithDocuments } from "@/tests/support/acme";
import { asOwnerInTenant, migratedDatabase } from "@/tests/support/database";
import { bytes } from "@/tests/support/fixtures";
import { queueFiles } from "@/tests/support/ingest";

let db: Database;
let acme: Awaited<ReturnType<typeof acmeWithDocuments>>;

beforeAll(async () => {
  db = await migratedDatabase();
  acme = await acmeWithDocuments();
});
afterAll(() => db.close());

/** The statistics as stored, and as counted afresh from the searchable chunks: they must agree. */
async function statistics(tenantId: string) {
  const stored = await db.prisma.$queryRaw<{ term: number; chunks: number }[]>`
    SELECT term_id AS term, chunks FROM search_term_stats WHERE tenant_id = ${tenantId}::uuid AND chunks > 0 ORDER BY term_id`;
  const counted = await db.prisma.$queryRaw<{ term: number; chunks: number }[]>`
    SELECT term, count(*)::int AS chunks FROM chunk_search, unnest(term_ids) term WHERE tenant_id = ${tenantId}::uuid AND live GROUP BY term ORDER BY term`;
  const [tenant] = await db.prisma.$queryRaw<{ chunks: number }[]>`SELECT chunks FROM search_tenant_stats WHERE tenant_id = ${tenantId}::uuid`;
  const [live] = await db.prisma.$queryRaw<{ chunks: number }[]>`SELECT count(*)::int AS chunks FROM chunk_search WHERE tenant_id = ${tenantId}::uuid AND live`;
  const readersStored = await db.prisma.$queryRaw<{ key: string; chunks: number }[]>`
    SELECT acl_key AS key, chunks FROM search_acl_stats WHERE tenant_id = ${tenantId}::uuid ORDER BY acl_key`;
  const readersCounted = await db.prisma.$queryRaw<{ key: string; chunks: number }[]>`
    SELECT key, count(*)::int AS chunks FROM chunk_search, unnest(acl) key WHERE tenant_id = ${tenantId}::uuid GROUP BY key ORDER BY key`;
  return { stored, counted, tenantChunks: tenant?.chunks ?? 0, liveChunks: live?.chunks ?? 0, readersStored, readersCounted };
}

describe("the BM25 search index", () => {
  it("keeps per-tenant statistics right as documents are added, re-indexed, given other readers and deleted", async () => {
    const admin = acme.users.admin!;
    const check = async () => {
      const stats = await statistics(acme.tenant.id);
      expect(stats.stored).toEqual(stats.counted);
      expect(stats.tenantChunks).toBe(stats.liveChunks);
      expect(stats.readersStored).toEqual(stats.readersCounted);
      return stats;
    };
    const before = await check();
    const [documentId] = await queueFiles(admin, [
      {
        fileName: "parking.md",
        bytes: bytes("# Parking\n\nThe garage opens at 6 am. Bicycles park free of charge.\n\n## Visitors\n\nVisitors get a day pass at the front desk.\n"),
      },
    ]);
    await drainIngestQueue();
    const added = await check();
    expect(added.tenantChunks).toBeGreaterThan(before.tenantChunks);
    await uploadNewVersion(admin, documentId!, {
      fileName: "parking.md",
      bytes: bytes("# Parking\n\nThe garage opens at 7 am. Bicycles park free of charge.\n"),
    });
    await drainIngestQueue();
    await check();
    expect((await retrieve(acme.users.engineer!, "When does the garage open?")).chunks[0]?.content).toContain("7 am");
    await changeReaders(admin, documentId!, { everyone: false, groupIds: [acme.groupIds.sales!], userIds: [acme.users.engineer!.id] });
    const restricted = await check();
    expect(restricted.readersStored.find((r) => r.key === `group:${acme.groupIds.sales}`)?.chunks).toBeGreaterThan(
      before.readersStored.find((r) => r.key === `group:${acme.groupIds.sales}`)?.chunks ?? 0,
    );
    await changeReaders(admin, documentId!, { everyone: true });
    await check();
    await deleteDocument(admin, documentId!);
    const after = await check();
    expect(after.stored).toEqual(before.stored);
    expect(after.readersStored).toEqual(before.readersStored);
    expect((await retrieve(acme.users.engineer!, "When does the garage open?")).chunks.some((c) => c.content.includes("garage"))).toBe(false);
  });

  it("computes terms for chunks stored without them, and they become searchable", async () => {
    await asOwnerInTenant(acme.tenant.id, `UPDATE chunks SET term_ids = NULL, term_weights = NULL, term_count = NULL, terms_version = 0`);
    expect((await retrieve(acme.users.engineer!, "How many vacation days do I get?")).chunks).toEqual([]);
    expect(await backfillSearchTerms()).toBeGreaterThan(0);
    expect((await retrieve(acme.users.engineer!, "How many vacation days do I get?")).chunks[0]?.content).toContain("25 vacation days");
    expect(await backfillSearchTerms()).toBe(0);
  });

  it("keeps a long chunk's search row whole in the table, not in TOAST, where scoring it would read it again", async () => {
    const words = Array.from({ length: 360 }, (_, i) => `word${i.toString(36)}`);
    await queueFiles(acme.users.admin!, [{ fileName: "glossary.txt", bytes: bytes(words.join(" ")) }]);
    await drainIngestQueue();
    const [row] = await db.prisma.$queryRaw<{ largest: number; toasted: bigint }[]>`
      SELECT (SELECT max(pg_column_size(s.*)) FROM chunk_search s)::int AS largest,
             pg_relation_size(reltoastrelid) AS toasted
      FROM pg_class WHERE oid = 'chunk_search'::regclass`;
    // Past about 2 kB, Postgres would otherwise move the row's term weights out.
    expect(row!.largest).toBeGreaterThan(3_000);
    expect(Number(row!.toasted)).toBe(0);
  });

  it("is readable only through the search function, never by the app role", async () => {
    await expect(withTenant(acme.tenant.id, (tx) => tx.$queryRaw`SELECT * FROM chunk_search`)).rejects.toThrow(/permission denied/);
    await expect(withTenant(acme.tenant.id, (tx) => tx.$queryRaw`SELECT * FROM search_term_stats`)).rejects.toThrow(/permission denied/);
    await expect(withTenant(acme.tenant.id, (tx) => tx.$queryRaw`SELECT * FROM search_acl_stats`)).rejects.toThrow(/permission denied/);
    await expect(db.prisma.$queryRaw`SELECT * FROM lore_lexical_search(ARRAY['everyone'], ARRAY[1], ARRAY[1], 10, 100, 100)`).rejects.toThrow(
      /tenant transaction/,
    );
  });

  it("reports no degraded setup on a migrated database", async () => {
    expect(await checkSearchSetup()).toEqual([]);
  });
});
