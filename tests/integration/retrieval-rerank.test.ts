import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Database } from "@/lib/db/client";
import { drainIngestQueue } from "@/lib/ingest/jobs/worker";
import { acceptUploads } from "@/lib/ingest/upload";
import { logger } from "@/lib/log";
import { retrieve, type Retrieval } from "@/lib/retrieval/hybrid-search";
import { acmeWithDocuments } from "@/tests/support/acme";
import { migratedDatabase } from "@/tests/support/database";
import { bytes } from "@/tests/support/fixtures";
import { startRerankServer, type RerankServer } from "@/tests/support/rerank-server";

// Issue 12 point 4: a rerank endpoint between the fused candidates and the sources, configured the
// way an operator does it, through the environment (this file's modules, and so its configuration,
// are its own).

let db: Database;
let acme: Awaited<ReturnType<typeof acmeWithDocuments>>;
let reranker: RerankServer;

const MIN_SCORE = 0.3;
const NOTES = 8;

beforeAll(async () => {
  reranker = await startRerankServer();
  Object.assign(process.env, {
    RERANK_BASE_URL: reranker.baseURL,
    RERANK_MODEL: "rerank-model",
    RERANK_API_KEY: "rerank-key",
    RERANK_TIMEOUT_MS: "2000",
    RERANK_MIN_SCORE: String(MIN_SCORE),
  });
  db = await migratedDatabase();
  acme = await acmeWithDocuments();
  const admin = acme.users.admin!;
  await acceptUploads(admin, {
    files: [
      { fileName: "travel-booking.md", bytes: bytes("# Travel booking\n\nBook business travel through the travel desk at least two weeks ahead.\n") },
      { fileName: "travel-allowance.md", bytes: bytes("# Travel allowance\n\nThe daily travel allowance for meals is 60 euros.\n") },
      { fileName: "travel-insurance.md", bytes: bytes("# Travel insurance\n\nTravel insurance covers every business trip abroad, including medical costs.\n") },
      ...Array.from({ length: NOTES }, (_, i) => ({
        fileName: `travel-note-${i + 1}.md`,
        bytes: bytes(`# Travel note ${i + 1}\n\nFor trips under ${i + 2}00 kilometres, travel by train rather than by plane.\n`),
      })),
      { fileName: "출장-숙박.md", bytes: bytes("# 출장 숙박\n\n출장 숙박비는 1박에 15만 원까지 지원됩니다.\n") },
      { fileName: "출장-식비.md", bytes: bytes("# 출장 식비\n\n출장 식비는 하루 5만 원까지 지원됩니다.\n") },
      { fileName: "출장-보험.md", bytes: bytes("# 출장 보험\n\n해외 출장에는 여행자 보험이 적용됩니다.\n") },
    ],
    readers: { everyone: true },
  });
  await acceptUploads(admin, {
    files: [
      {
        fileName: "sales-travel.md",
        bytes: bytes("# Sales travel allowance\n\nSales representatives get a daily travel allowance of 90 euros for meals on client visits.\n"),
      },
      { fileName: "영업-출장비.md", bytes: bytes("# 영업 출장비\n\n영업 담당자의 출장 식비는 하루 8만 원까지 지원됩니다.\n") },
    ],
    readers: { everyone: false, groupIds: [acme.groupIds.sales!], userIds: [] },
  });
  await drainIngestQueue();
});
afterAll(async () => {
  await db.close();
  await reranker.close();
});

// The endpoint's judgement, by what a passage is about: deliberately unlike the lexical order.
const RELEVANCE: [RegExp, number][] = [
  [/insurance|보험/, 0.92],
  [/travel desk|숙박/, 0.64],
  [/allowance|식비/, 0.41],
];
const byTopic = (_query: string, document: string) => RELEVANCE.find(([topic]) => topic.test(document))?.[1] ?? 0.02;

beforeEach(() => {
  reranker.behaviour = "answer";
  reranker.score = byTopic;
  reranker.requests.length = 0;
});

const titles = (retrieval: Retrieval) => retrieval.chunks.map((c) => c.documentTitle);
const sentText = () => reranker.requests.flatMap((r) => r.documents).join("\n");

describe("reranking the fused candidates", () => {
  it("orders an English question's passages by the endpoint's scores and drops those below the minimum", async () => {
    const question = "What is the daily travel allowance for meals?";
    const retrieval = await retrieve(acme.users.engineer!, question);
    expect(titles(retrieval)).toEqual(["Travel insurance", "Travel booking", "Travel allowance"]);
    expect(retrieval.chunks.map((c) => [c.rank, c.relevance])).toEqual([
      [1, 0.92],
      [2, 0.64],
      [3, 0.41],
    ]);
    const [request] = reranker.requests;
    expect(request).toMatchObject({ model: "rerank-model", query: question, authorization: "Bearer rerank-key" });
    expect(request?.documents).toContain("Travel allowance\nThe daily travel allowance for meals is 60 euros.");
    // The travel notes were candidates too; the endpoint judged them unrelated and they are not sources.
    expect(retrieval.reranking).toMatchObject({
      outcome: "reranked",
      model: "rerank-model",
      candidates: request?.documents.length,
      belowMinimum: request!.documents.length - 3,
    });
    expect(retrieval.chunks.every((c) => c.relevance! >= MIN_SCORE)).toBe(true);
  });

  it("orders a Korean question's passages by the endpoint's scores", async () => {
    const question = "출장 식비는 하루 얼마인가요?";
    const retrieval = await retrieve(acme.users.engineer!, question);
    expect(titles(retrieval)).toEqual(["출장 보험", "출장 숙박", "출장 식비"]);
    expect(reranker.requests[0]?.query).toBe(question);
    expect(retrieval.reranking?.outcome).toBe("reranked");
  });

  it("sends about twenty candidates and keeps at most the requested number of passages", async () => {
    reranker.score = () => 0.5;
    const retrieval = await retrieve(acme.users.engineer!, "How should I travel on business trips?");
    const sent = reranker.requests[0]!.documents.length;
    expect(sent).toBeGreaterThan(6);
    expect(sent).toBeLessThanOrEqual(20);
    expect(retrieval.chunks).toHaveLength(6);
  });

  it("passes nothing on when the endpoint finds every candidate weak", async () => {
    reranker.score = () => 0.05;
    const retrieval = await retrieve(acme.users.engineer!, "출장 숙박비는 얼마까지 지원되나요?");
    expect(retrieval.chunks).toEqual([]);
    expect(retrieval.reranking).toMatchObject({ outcome: "reranked", belowMinimum: reranker.requests[0]!.documents.length });
  });
});

describe("the access control around the reranker", () => {
  it("never sends a passage the reader may not read, in English or Korean", async () => {
    const english = await retrieve(acme.users.engineer!, "What is the daily travel allowance for meals?");
    const korean = await retrieve(acme.users.engineer!, "출장 식비는 하루 얼마인가요?");
    expect(english.withheld.length + korean.withheld.length).toBeGreaterThanOrEqual(2);
    expect(reranker.requests).toHaveLength(2);
    expect(sentText()).not.toMatch(/90 euros|8만 원/);
  });

  it("sends those passages for a reader who may read them (so the check above can fail)", async () => {
    await retrieve(acme.users.seller!, "What is the daily travel allowance for meals?");
    await retrieve(acme.users.seller!, "출장 식비는 하루 얼마인가요?");
    expect(sentText()).toMatch(/90 euros/);
    expect(sentText()).toMatch(/8만 원/);
  });
});

describe("when the reranker fails", () => {
  const fusedOrder = (retrieval: Retrieval) => {
    expect(retrieval.chunks.every((c) => c.relevance === undefined)).toBe(true);
    expect(retrieval.chunks.map((c) => c.score)).toEqual(retrieval.chunks.map((c) => c.score).sort((a, b) => b - a));
    expect(retrieval.chunks.map((c) => c.rank)).toEqual(retrieval.chunks.map((_, i) => i + 1));
  };

  it("keeps the fused order, logs and records the error when the endpoint answers 500", async () => {
    reranker.behaviour = "http-500";
    const warn = vi.spyOn(logger(), "warn");
    const retrieval = await retrieve(acme.users.engineer!, "What is the daily travel allowance for meals?");
    const warnings = structuredClone(warn.mock.calls);
    warn.mockRestore();
    expect(retrieval.reranking).toMatchObject({ outcome: "error", model: "rerank-model" });
    expect(warnings).toEqual([[{ reranker: "rerank-model", outcome: "error", status: 500 }, "reranking failed; the fused order is kept"]]);
    expect(JSON.stringify(warnings)).not.toMatch(/rerank-key|allowance/);
    expect(retrieval.chunks[0]?.documentTitle).toBe("Travel allowance");
    expect(retrieval.chunks.length).toBeGreaterThan(3);
    expect(retrieval.chunks.length).toBeLessThanOrEqual(6);
    fusedOrder(retrieval);
    expect(sentText()).not.toMatch(/90 euros/);
  });

  it("keeps the fused order and records the timeout when the endpoint does not answer", async () => {
    reranker.behaviour = "hang";
    const retrieval = await retrieve(acme.users.engineer!, "출장 식비는 하루 얼마인가요?");
    expect(retrieval.reranking).toMatchObject({ outcome: "timeout", model: "rerank-model" });
    expect(retrieval.chunks[0]?.documentTitle).toBe("출장 식비");
    fusedOrder(retrieval);
  });

  it("keeps the fused order when the answer names passages that were not sent", async () => {
    reranker.behaviour = "wrong-index";
    const retrieval = await retrieve(acme.users.engineer!, "What is the daily travel allowance for meals?");
    expect(retrieval.reranking?.outcome).toBe("invalid");
    expect(retrieval.chunks[0]?.documentTitle).toBe("Travel allowance");
    fusedOrder(retrieval);
  });
});
