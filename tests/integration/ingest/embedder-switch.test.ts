import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/client";
import { deploymentEmbedders } from "@/lib/embeddings/active";
import { advanceSwitch, reconcileEmbedders, switchProgress } from "@/lib/ingest/embedder-switch";
import { vectorIndexName, vectorIndexState } from "@/lib/embeddings/vector-index";
import { claimNextJob } from "@/lib/ingest/jobs/lease";
import { drainIngestQueue } from "@/lib/ingest/jobs/worker";
import { runJob } from "@/lib/ingest/jobs/run-job";
import { uploadDocument } from "@/lib/ingest/upload";
import { explainRetrieval, retrieve } from "@/lib/retrieval/hybrid-search";
import { migratedDatabase } from "@/tests/support/database";
import { bytes, createTenant } from "@/tests/support/fixtures";
import { chunkRows, queueFiles } from "@/tests/support/ingest";
import { startEmbeddingsServer, type EmbeddingsServer } from "@/tests/support/openai-compatible-server";

let db: Database;
let server: EmbeddingsServer;
let tenant: Awaited<ReturnType<typeof createTenant>>;
const admin = () => tenant.users.admin!;
const NEXT = { provider: "openai-compatible" as const, model: "next-embedder" };

const DOCUMENTS = [
  ["vacation.md", "# Vacation\n\nEvery employee receives 25 vacation days per year."],
  ["expenses.md", "# Expenses\n\nExpense claims are due within 30 days, with receipts."],
  ["parking.md", "# Parking\n\nVisitors park in garage B on level two."],
] as const;

/** Asks the questions every step of the switch must keep answering. */
async function searchStillWorks() {
  const answer = async (question: string) => (await retrieve(tenant.users.employee!, question)).chunks.map((c) => c.content).join("\n");
  expect(await answer("How many vacation days do I get?")).toContain("25 vacation days");
  expect(await answer("When are expense claims due?")).toContain("30 days");
}

const questionsSentToServer = () => server.requests.flatMap((r) => r.input).filter((text) => text.endsWith("?"));

/** Runs the next job, as a worker would; returns its kind, or null when there was none. */
async function runOneJob(): Promise<string | null> {
  const job = await claimNextJob("switch-test", 60_000);
  if (!job) return null;
  await runJob(job, { id: "switch-test", leaseMs: 60_000, retryBaseMs: 0, stopping: new AbortController().signal });
  return job.kind;
}

beforeAll(async () => {
  server = await startEmbeddingsServer({ dimensions: 16 });
  db = await migratedDatabase();
  tenant = await createTenant(
    "switch",
    [],
    [
      { key: "admin", role: "admin", groups: [] },
      { key: "employee", role: "employee", groups: [] },
    ],
  );
  for (const [fileName, text] of DOCUMENTS) await uploadDocument(admin(), { fileName, bytes: bytes(text), readers: { everyone: true } });
});
afterAll(async () => {
  await db.close();
  await server.close();
});

describe("switching the embedder", () => {
  it("refuses to start with an embedder it cannot reach, saying why", async () => {
    await expect(reconcileEmbedders({ ...NEXT, baseURL: "http://127.0.0.1:9/v1", maxRetries: 0 })).rejects.toThrow(
      /Embedding request to 127\.0\.0\.1:9 .* failed/,
    );
    expect((await deploymentEmbedders()).pending).toBeNull();
  });

  it("re-embeds in the background while search keeps using the old vectors, then moves search over", async () => {
    expect((await deploymentEmbedders()).active.id).toBe("lexical-hash-v1");
    await reconcileEmbedders({ ...NEXT, baseURL: server.baseURL });
    const during = await deploymentEmbedders();
    expect(during.active.id).toBe("lexical-hash-v1");
    expect(during.pending).toMatchObject({ id: "openai:next-embedder", dimensions: 16, slot: "b" });
    expect(await switchProgress(tenant.tenant.id)).toEqual({ active: "lexical-hash-v1", pending: { id: "openai:next-embedder", done: 0, total: 3 } });
    await searchStillWorks();

    // A document uploaded during the switch is indexed first, then one re-embed job per document
    // runs; none of them changes what search does.
    const [late] = await queueFiles(admin(), [{ fileName: "canteen.md", bytes: bytes("# Canteen\n\nThe canteen serves lunch from noon.") }]);
    const kinds: string[] = [];
    for (let job = await runOneJob(); job; job = await runOneJob()) {
      kinds.push(job);
      await searchStillWorks();
      expect((await deploymentEmbedders()).active.id).toBe("lexical-hash-v1");
    }
    expect(kinds).toEqual(["index", "reembed", "reembed", "reembed"]);
    // The document indexed during the switch got vectors from both embedders.
    expect((await chunkRows(admin(), late!)).map((r) => [r.modelA, r.modelB])).toEqual([["lexical-hash-v1", "openai:next-embedder"]]);
    expect(questionsSentToServer()).toEqual([]);
    expect((await switchProgress(tenant.tenant.id)).pending).toEqual({ id: "openai:next-embedder", done: 4, total: 4 });

    expect(await advanceSwitch()).toBe("switched");
    const after = await deploymentEmbedders();
    expect(after.active).toMatchObject({ id: "openai:next-embedder", slot: "b" });
    expect(after.pending).toBeNull();
    expect(await vectorIndexState(vectorIndexName({ id: "openai:next-embedder", slot: "b" }))).toBe("valid");
    expect(await vectorIndexState("chunks_embedding_lexical_hash_v1_hnsw")).toBe("missing");

    // The next question is embedded by the new embedder and compared with the vectors in its slot.
    await searchStillWorks();
    expect(questionsSentToServer()).toContain("How many vacation days do I get?");
    expect(await explainRetrieval(tenant.users.employee!, "canteen lunch")).toMatch(/\(c(_\d+)?\.embedding_b\)::vector\(16\) <=>/);
  });

  it("switches back without re-embedding what the old vectors still cover", async () => {
    const requests = server.requests.length;
    await reconcileEmbedders({ provider: "lexical" });
    const embedders = await deploymentEmbedders();
    expect(embedders.active).toMatchObject({ id: "lexical-hash-v1", slot: "a" });
    expect(embedders.pending).toBeNull();
    expect(await vectorIndexState("chunks_embedding_lexical_hash_v1_hnsw")).toBe("valid");
    expect(server.requests.length).toBe(requests);
    await searchStillWorks();
  });
});

describe("switching to the real local model", () => {
  it("finds a passage by meaning in the model's vectors once search has moved to them", async () => {
    await uploadDocument(admin(), {
      fileName: "leave.md",
      bytes: bytes("# Leave\n\nAnnual leave requests must be approved by your line manager two weeks in advance."),
      readers: { everyone: true },
    });
    // No word of the question is in the passage: only an embedding that knows meaning can find it.
    const question = "How early should I ask my boss before taking a holiday?";
    // The vector ranking alone: the product gives this model's ranking no weight in the fusion
    // (measured on SQuAD, it only ever lowered BM25's ranking; see vectorWeight in hybrid-search.ts).
    const byVectors = { fusionWeights: { lexical: 0, vector: 1 } };
    const found = async (options = {}) =>
      (await retrieve(tenant.users.employee!, question, options)).chunks.some((c) => c.content.includes("two weeks in advance"));
    expect(await found()).toBe(false);

    await reconcileEmbedders({ provider: "local" });
    expect((await deploymentEmbedders()).pending?.id).toBe("local:use-lite-512");
    await searchStillWorks();
    await drainIngestQueue();
    expect((await deploymentEmbedders()).active).toMatchObject({ id: "local:use-lite-512", dimensions: 512 });
    expect(await found(byVectors)).toBe(true);
    await searchStillWorks();
  });
});
