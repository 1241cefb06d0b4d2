import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { deploymentEmbedders } from "@/lib/embeddings/active";
import { reconcileEmbedders } from "@/lib/ingest/embedder-switch";
import { chunkBlocks } from "@/lib/ingest/chunk";
import { drainIngestQueue } from "@/lib/ingest/jobs/worker";
import { insertChunks } from "@/lib/ingest/store-chunks";
import { acceptUploads, uploadDocument, uploadNewVersion } from "@/lib/ingest/upload";
import { retrieve } from "@/lib/retrieval/hybrid-search";
import { migratedDatabase } from "@/tests/support/database";
import { bytes, createTenant } from "@/tests/support/fixtures";
import { chunkRows, storedDocument } from "@/tests/support/ingest";
import { makePdf } from "@/tests/support/make-documents";
import { startEmbeddingsServer, type EmbeddingsServer } from "@/tests/support/openai-compatible-server";

let db: Database;
let server: EmbeddingsServer;
let tenant: Awaited<ReturnType<typeof createTenant>>;
const admin = () => tenant.users.admin!;

// Each section is a chunk of its own (a heading always starts one), long enough not to be merged.
const section = (name: string, fact: string) =>
  `## ${name}\n\n${fact} ${"This sentence only pads the section so that it stands as a passage of its own. ".repeat(8)}\n\n`;
const handbook = (sections: string[]) => bytes(`# Handbook\n\n${sections.join("")}`);
const V1 = [
  section("Vacation", "Every employee receives 25 vacation days."),
  section("Expenses", "Expense claims are due within 30 days."),
  section("Parking", "The garage is on level minus two."),
  section("Canteen", "The canteen serves lunch from noon."),
];
const V2 = [V1[0]!, section("Expenses", "Expense claims are due within 45 days."), V1[2]!, section("Bicycles", "Bicycles are parked in the courtyard.")];

// What the server embedded since the embedder was set up (its start-up probe aside).
let probeRequests = 0;
const embeddedTexts = () => server.requests.slice(probeRequests).flatMap((r) => r.input);
const contents = async (question: string) => (await retrieve(tenant.users.employee!, question)).chunks.map((c) => c.content).join("\n");

beforeAll(async () => {
  server = await startEmbeddingsServer({ dimensions: 16 });
  db = await migratedDatabase();
  // An empty database switches to the configured embedder at once: nothing needs re-embedding.
  await reconcileEmbedders({ provider: "openai-compatible", baseURL: server.baseURL, model: "counting" });
  probeRequests = server.requests.length;
  tenant = await createTenant(
    "incremental",
    [],
    [
      { key: "admin", role: "admin", groups: [] },
      { key: "employee", role: "employee", groups: [] },
    ],
  );
});
afterAll(async () => {
  await db.close();
  await server.close();
});

describe("re-indexing a changed document", () => {
  let documentId: string;

  it("embeds every chunk of a first version with the active embedder", async () => {
    expect((await deploymentEmbedders()).active.id).toBe("openai:counting");
    const document = await uploadDocument(admin(), { fileName: "handbook.md", bytes: handbook(V1), readers: { everyone: true } });
    documentId = document.id;
    expect(document).toMatchObject({ status: "ready", chunkCount: 4 });
    expect(embeddedTexts()).toHaveLength(4);
  });

  it("re-embeds only the changed and new chunks of a new version, and removes the vanished ones", async () => {
    const before = embeddedTexts().length;
    const rowsBefore = await chunkRows(admin(), documentId);
    expect(await uploadNewVersion(admin(), documentId, { fileName: "handbook.md", bytes: handbook(V2) })).toMatchObject({ unchanged: false });
    await drainIngestQueue();

    const embedded = embeddedTexts().slice(before);
    expect(embedded).toHaveLength(2);
    expect(embedded.join("\n")).toContain("45 days");
    expect(embedded.join("\n")).toContain("courtyard");

    const rows = await chunkRows(admin(), documentId);
    expect(rows).toHaveLength(4);
    expect(rows.map((r) => r.content).join("\n")).not.toMatch(/canteen|30 days/);
    // Unchanged chunks in the same place kept their rows (and vectors).
    const kept = rowsBefore.filter((r) => /vacation days|garage/.test(r.content)).map((r) => r.id);
    expect(rows.filter((r) => kept.includes(r.id))).toHaveLength(2);
    expect(await storedDocument(admin(), documentId)).toMatchObject({ status: "ready", chunkCount: 4 });

    expect(await contents("When are expense claims due?")).toContain("45 days");
    expect(await contents("canteen lunch")).not.toContain("canteen");
    // The question was embedded by the embedder whose vectors were searched.
    expect(embeddedTexts().at(-1)).toBe("canteen lunch");
  });

  it("does nothing for an identical re-upload, and says so", async () => {
    const requests = server.requests.length;
    const jobs = await withTenant(tenant.tenant.id, (tx) => tx.ingestJob.count());
    expect(await uploadNewVersion(admin(), documentId, { fileName: "handbook-copy.md", bytes: handbook(V2) })).toEqual({ unchanged: true, title: "Handbook" });
    const again = await acceptUploads(admin(), { files: [{ fileName: "handbook-again.md", bytes: handbook(V2) }], readers: { everyone: true } });
    expect(again).toEqual({ documents: [], duplicates: [{ fileName: "handbook-again.md", documentId, title: "Handbook" }] });
    expect(await drainIngestQueue()).toHaveLength(0);
    expect(server.requests.length).toBe(requests);
    expect(await withTenant(tenant.tenant.id, (tx) => tx.ingestJob.count())).toBe(jobs);
  });

  it("keeps answering from the indexed version when a new version fails, with nothing of it left behind", async () => {
    const broken = (await makePdf([["A new handbook"]])).slice(0, 300);
    await uploadNewVersion(admin(), documentId, { fileName: "handbook.pdf", bytes: broken });
    await drainIngestQueue();
    const document = await storedDocument(admin(), documentId);
    expect(document).toMatchObject({ status: "failed", chunkCount: 4 });
    expect(document.error).toMatch(/"handbook\.pdf" is an incomplete PDF/);
    expect((await chunkRows(admin(), documentId)).every((r) => r.generation <= document.indexedGeneration)).toBe(true);
    expect(await contents("When are expense claims due?")).toContain("45 days");
  });

  it("never searches chunks written for a version that is not swapped in yet", async () => {
    const document = await storedDocument(admin(), documentId);
    const [draft] = chunkBlocks([{ kind: "paragraph", text: "The staged passage about zeppelins must stay invisible." }]);
    await withTenant(tenant.tenant.id, (tx) =>
      insertChunks(tx, { tenantId: tenant.tenant.id, documentId, acl: ["everyone"], generation: document.indexedGeneration + 1 }, [
        { draft: draft!, vectors: [{ slot: "b", model: "openai:counting", vector: server.vectorFor("zeppelins") }] },
      ]),
    );
    expect(await contents("zeppelins")).not.toContain("zeppelins");
  });
});
