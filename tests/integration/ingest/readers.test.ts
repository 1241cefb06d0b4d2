import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { deploymentEmbedders } from "@/lib/embeddings/active";
import { dropVectorIndex, ensureVectorIndex } from "@/lib/embeddings/vector-index";
import { chunkBlocks } from "@/lib/ingest/chunk";
import { changeReaders } from "@/lib/ingest/readers";
import { insertChunks } from "@/lib/ingest/store-chunks";
import { uploadDocument } from "@/lib/ingest/upload";
import { explainLexicalSearch, explainRetrieval, retrieve } from "@/lib/retrieval/hybrid-search";
import { readablePassage } from "@/lib/retrieval/passages";
import { migratedDatabase } from "@/tests/support/database";
import { bytes, createTenant } from "@/tests/support/fixtures";
import { chunkRows } from "@/tests/support/ingest";

let db: Database;
let acme: Awaited<ReturnType<typeof createTenant>>;
let globex: Awaited<ReturnType<typeof createTenant>>;
let planId: string;

const QUESTION = "What commission do sales representatives earn?";
const sees = async (user: "seller" | "engineer") => (await retrieve(acme.users[user]!, QUESTION)).chunks.some((c) => c.content.includes("12% commission"));

beforeAll(async () => {
  db = await migratedDatabase();
  acme = await createTenant(
    "acme-readers",
    ["sales", "engineering"],
    [
      { key: "admin", role: "admin", groups: [] },
      { key: "seller", role: "employee", groups: ["sales"] },
      { key: "engineer", role: "employee", groups: ["engineering"] },
    ],
  );
  globex = await createTenant("globex-readers", ["research"], [{ key: "admin", role: "admin", groups: [] }]);
  const plan = await uploadDocument(acme.users.admin!, {
    fileName: "commission.md",
    bytes: bytes("# Sales commission plan\n\nSales representatives earn a 12% commission on closed deals above quota.\n"),
    readers: { everyone: false, groupIds: [acme.groupIds.sales!], userIds: [] },
  });
  planId = plan.id;
});
afterAll(() => db.close());

describe("changing a document's readers", () => {
  it("takes effect for the very next question, in both directions, without re-embedding", async () => {
    expect(await sees("seller")).toBe(true);
    expect(await sees("engineer")).toBe(false);
    const rowsBefore = await chunkRows(acme.users.admin!, planId);
    const chunkId = rowsBefore[0]!.id;
    const jobs = await withTenant(acme.tenant.id, (tx) => tx.ingestJob.count());

    await changeReaders(acme.users.admin!, planId, { everyone: false, groupIds: [acme.groupIds.engineering!], userIds: [] });
    expect(await sees("engineer")).toBe(true);
    expect(await sees("seller")).toBe(false);
    // A citation opened later is checked against the readers of now.
    expect(await readablePassage(acme.users.seller!, chunkId)).toBeNull();
    expect(await readablePassage(acme.users.engineer!, chunkId)).not.toBeNull();

    await changeReaders(acme.users.admin!, planId, { everyone: false, groupIds: [], userIds: [acme.users.seller!.id] });
    expect(await sees("seller")).toBe(true);
    expect(await sees("engineer")).toBe(false);

    await changeReaders(acme.users.admin!, planId, { everyone: true });
    expect(await sees("seller")).toBe(true);
    expect(await sees("engineer")).toBe(true);

    const rowsAfter = await chunkRows(acme.users.admin!, planId);
    expect(rowsAfter.map((r) => [r.id, r.modelA])).toEqual(rowsBefore.map((r) => [r.id, r.modelA]));
    expect(rowsAfter.every((r) => r.acl.join() === "everyone")).toBe(true);
    expect(await withTenant(acme.tenant.id, (tx) => tx.document.findUniqueOrThrow({ where: { id: planId } }))).toMatchObject({ acl: ["everyone"] });
    expect(await withTenant(acme.tenant.id, (tx) => tx.ingestJob.count())).toBe(jobs);
  });

  it("also changes the chunks of a version still being written", async () => {
    const [draft] = chunkBlocks([{ kind: "paragraph", text: "A passage of the next version." }]);
    const { active } = await deploymentEmbedders();
    const vector = (await active.embedder.embed([draft!.content]))[0]!;
    const document = await withTenant(acme.tenant.id, (tx) => tx.document.findUniqueOrThrow({ where: { id: planId } }));
    await withTenant(acme.tenant.id, (tx) =>
      insertChunks(tx, { tenantId: acme.tenant.id, documentId: planId, acl: document.acl, generation: document.indexedGeneration + 1 }, [
        { draft: draft!, vectors: [{ slot: active.slot, model: active.id, vector }] },
      ]),
    );
    await changeReaders(acme.users.admin!, planId, { everyone: false, groupIds: [acme.groupIds.sales!], userIds: [] });
    const rows = await chunkRows(acme.users.admin!, planId);
    expect(rows.map((r) => r.acl)).toEqual(rows.map(() => [`group:${acme.groupIds.sales}`]));
  });

  it("accepts only groups and people of the document's own workspace", async () => {
    await expect(changeReaders(acme.users.admin!, planId, { everyone: false, groupIds: [globex.groupIds.research!], userIds: [] })).rejects.toMatchObject({
      code: "bad_request:documents",
      message: expect.stringMatching(/not groups or people of this workspace/),
    });
    await expect(changeReaders(acme.users.admin!, planId, { everyone: false, groupIds: [], userIds: [globex.users.admin!.id] })).rejects.toMatchObject({
      code: "bad_request:documents",
    });
    await expect(changeReaders(acme.users.admin!, planId, { everyone: false, groupIds: [], userIds: [] })).rejects.toMatchObject({
      code: "bad_request:documents",
    });
    // Another workspace's admin cannot touch the document at all.
    await expect(changeReaders(globex.users.admin!, planId, { everyone: true })).rejects.toMatchObject({ code: "not_found:documents" });
  });
});

// Each note names one tree (amber and birch 640 notes each, cedar and delta 960); one note names two.
// For "amber birch cedar delta" the candidates of a wide reader are the chunks holding the rarest terms
// (amber and birch, more than CANDIDATE_BUDGET between them) or both terms of a pair of the commoner
// ones, which only the paired note does.
const TREES = ["amber", "amber", "birch", "birch", "cedar", "cedar", "cedar", "delta", "delta", "delta"];
const PAIRED_NOTE = 579;

describe("the plans of ACL-filtered search", () => {
  beforeAll(async () => {
    // Enough chunks in enough documents for the planner to care (more than the 3,000 ranked exactly):
    // nearly all for sales, a few for everyone and for others.
    const { active } = await deploymentEmbedders();
    await dropVectorIndex(active);
    await withTenant(
      acme.tenant.id,
      async (tx) => {
        const documents = Array.from({ length: 40 }, (_, i) => ({
          id: randomUUID(),
          tenantId: acme.tenant.id,
          title: `Note ${i}`,
          fileName: `note-${i}.md`,
          mimeType: "text/markdown",
          sizeBytes: 1,
          contentHash: `note-${i}`,
          acl: i === 0 ? ["everyone"] : i === 1 ? [`group:${acme.groupIds.engineering}`] : [`group:${acme.groupIds.sales}`],
          status: "ready" as const,
          uploadedBy: acme.users.admin!.id,
        }));
        await tx.document.createMany({ data: documents });
        for (const [index, document] of documents.entries()) {
          const notes = Array.from({ length: 80 }, (_, n) => ({
            draft: {
              ordinal: n,
              content: `note ${index * 100 + n} about ${randomUUID()} and the quarterly numbers, ${PAIRED_NOTE === index * 100 + n ? "cedar delta" : TREES[n % 10]}`,
              headingPath: document.title,
              page: null,
              contentHash: `${index}-${n}`,
              tokenCount: 10,
            },
            vectors: [],
          }));
          await insertChunks(tx, { tenantId: acme.tenant.id, documentId: document.id, acl: document.acl, generation: 0 }, notes);
        }
        await tx.$executeRaw`
        UPDATE chunks SET embedding = (SELECT array_agg(random() + 0 * i + 0 * ordinal)::vector FROM generate_series(1, 384) AS s(i)), embedding_model = ${active.id}
        WHERE document_id = ANY(${documents.map((d) => d.id)}::uuid[])`;
      },
      { timeoutMs: 120_000 },
    );
    await ensureVectorIndex(active);
    // What the worker's upkeep does after a bulk load (the embedded database has no autovacuum).
    await db.prisma.$executeRawUnsafe("VACUUM ANALYZE chunks, chunk_search, documents");
  }, 180_000);

  it("find a term's chunks through the terms' GIN index, never by reading every chunk", async () => {
    const plan = await explainLexicalSearch(acme.users.seller!, "sales commission");
    expect(plan).toMatch(/Bitmap Index Scan on chunk_search_terms_gin/);
    expect(plan).not.toMatch(/Seq Scan/);
  });

  it("rank a narrow reader's chunks exactly, through the GIN indexes", async () => {
    const plan = await explainLexicalSearch(acme.users.engineer!, "sales commission");
    expect(plan).toMatch(/readable chunks ranked exactly/);
    expect(plan).toMatch(/Bitmap Index Scan on chunk_search_(acl|terms)_gin/);
    expect(plan).not.toMatch(/Seq Scan/);
  });

  it("still find the narrow reader's own passage among thousands of others", async () => {
    expect(await sees("seller")).toBe(true);
    const { chunks } = await retrieve(acme.users.engineer!, "note 150 quarterly numbers");
    expect(chunks[0]?.content).toMatch(/^note 150 about/);
  });

  it("score a wide reader's chunk that holds two commoner terms of the question and none of the rarest", async () => {
    const { chunks } = await retrieve(acme.users.seller!, "amber birch cedar delta");
    expect(chunks[0]?.content).toMatch(/^note 579 about .* cedar delta$/);
  });

  it("walk the HNSW index when the ACL allows most vectors, filtering as it goes", async () => {
    const plan = await explainRetrieval(acme.users.seller!, "commission");
    expect(plan).toMatch(/Index Scan using chunks_embedding_lexical_hash_v1_hnsw on chunks/);
    expect(plan).not.toMatch(/Seq Scan on chunks/);
  });
});
