// Ingest throughput, end to end in lexical mode: a generated corpus of over a thousand pages (PDF,
// Word and Markdown, Korean and English) is uploaded as the upload route does and indexed by the job
// code the worker runs (parse, chunk, embed, write, swap), on the embedded database. The backlog is
// large, so the worker bulk-loads it (see lib/ingest/jobs/bulk-load.ts); a second, small batch of
// uploads then goes into the HNSW-indexed table the way single uploads do, for comparison.
process.env.PGLITE_DIR = "memory://";
process.env.LOG_LEVEL ??= "silent";
process.env.LORE_DEMO_SEED = "false";
delete process.env.DATABASE_URL;

import { hashPassword } from "@/lib/auth/password";
import { loadUser } from "@/lib/auth/user";
import { config } from "@/lib/config";
import { database } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate";
import { withTenant } from "@/lib/db/tenant";
import { drainIngestQueue } from "@/lib/ingest/jobs/worker";
import { acceptUploads, type IncomingFile } from "@/lib/ingest/upload";
import { retrieve } from "@/lib/retrieval/hybrid-search";
import { percentiles } from "@/bench/machine";
import { makeDocx, makePdf, type DocxPart } from "@/tests/support/make-documents";

export const name = "ingest";

// A "page" of Word or Markdown is what a printed page holds: a heading and about 450 words.
const PDFS = 16;
const PDF_PAGES = 30;
const DOCXS = 16;
const MARKDOWNS = 16;
const TEXT_PAGES = 20;
// The comparison batch: few enough documents that the worker writes them into the indexed table.
const SMALL_BATCH = 6;

type CorpusFile = IncomingFile & { pages: number };

export async function run(): Promise<Record<string, unknown>> {
  const target = config().database;
  if (target.kind !== "pglite" || !target.dataDir.startsWith("memory://")) {
    throw new Error("The ingest benchmark needs its own in-memory database: run it alone (npm run bench -- ingest).");
  }
  const db = database();
  await applyMigrations(db);
  const admin = await benchAdmin();

  const generating = performance.now();
  const corpus = await makeCorpus(0);
  const smallBatch = (await makeCorpus(1)).filter((file) => file.fileName.endsWith(".pdf")).slice(0, SMALL_BATCH);
  const generationS = (performance.now() - generating) / 1000;
  const pages = corpus.reduce((sum, file) => sum + file.pages, 0);

  const bulk = await ingest(admin, corpus);
  const incremental = await ingest(admin, smallBatch);
  const rows = await withTenant(admin.tenantId, (tx) => tx.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM chunks`);
  const searchable = (await retrieve(admin, "pressure valve inspection")).chunks.length > 0 && (await retrieve(admin, "연차 휴가 신청")).chunks.length > 0;
  await db.close();

  return {
    corpus: { files: corpus.length, pages, bytes: corpus.reduce((sum, file) => sum + file.bytes.byteLength, 0), generation_s: round(generationS) },
    pages_per_s: round(pages / bulk.seconds),
    chunk_rows_per_s: round(bulk.rowsWritten / (bulk.stageMs.writeMs / 1000)),
    end_to_end_s: round(bulk.seconds),
    chunk_rows: rows[0]?.n ?? 0,
    bulk_load: {
      documents_per_s: round(corpus.length / bulk.seconds),
      uploads_ms: bulk.uploadsMs,
      stage_ms_total: bulk.stageMs,
      // The rest: claiming jobs and, once the backlog is indexed, rebuilding the HNSW index over every
      // chunk and VACUUM ANALYZE.
      queue_and_upkeep_ms: bulk.otherMs,
      per_document_ms: bulk.perDocument,
    },
    into_indexed_table: {
      documents: smallBatch.length,
      pages: smallBatch.reduce((sum, file) => sum + file.pages, 0),
      pages_per_s: round(smallBatch.reduce((sum, file) => sum + file.pages, 0) / incremental.seconds),
      chunk_rows_per_s: round(incremental.rowsWritten / (incremental.stageMs.writeMs / 1000)),
      stage_ms_total: incremental.stageMs,
    },
    searchable_after: searchable,
    embedder: "lexical-hash-v1",
  };
}

/** Uploads the files (one request's worth each, as the documents page sends them) and indexes them all. */
async function ingest(admin: Awaited<ReturnType<typeof benchAdmin>>, files: CorpusFile[]) {
  const started = performance.now();
  for (const file of files) await acceptUploads(admin, { files: [file], readers: { everyone: true } });
  const uploaded = performance.now();
  const drained = await drainIngestQueue();
  const ended = performance.now();
  const indexed = drained.flatMap((outcome) => (outcome?.kind === "index" ? [outcome.index] : []));
  if (indexed.length !== files.length) throw new Error(`${files.length - indexed.length} documents failed to index`);
  const stageMs = { parseMs: 0, chunkMs: 0, embedMs: 0, writeMs: 0, swapMs: 0 };
  for (const outcome of indexed) for (const key of Object.keys(stageMs) as (keyof typeof stageMs)[]) stageMs[key] += outcome.timings[key];
  const jobsMs = Object.values(stageMs).reduce((sum, ms) => sum + ms, 0);
  return {
    seconds: (ended - started) / 1000,
    rowsWritten: indexed.reduce((sum, outcome) => sum + outcome.rowsWritten, 0),
    uploadsMs: Math.round(uploaded - started),
    stageMs: Object.fromEntries(Object.entries(stageMs).map(([key, ms]) => [key, Math.round(ms)])) as typeof stageMs,
    otherMs: Math.round(ended - uploaded - jobsMs),
    perDocument: percentiles(indexed.map((outcome) => Object.values(outcome.timings).reduce((sum, ms) => sum + ms, 0))),
  };
}

async function benchAdmin() {
  const tenant = await database().prisma.tenant.create({ data: { slug: "bench", name: "Bench" } });
  await withTenant(tenant.id, async (tx) =>
    tx.user.create({
      data: { tenantId: tenant.id, email: "admin@bench.test", name: "Admin", role: "admin", passwordHash: await hashPassword("bench-password") },
    }),
  );
  const { passwordHash: _, ...admin } = (await loadUser(tenant, { email: "admin@bench.test" }))!;
  return admin;
}

async function makeCorpus(seed: number): Promise<CorpusFile[]> {
  const files: CorpusFile[] = [];
  for (let i = 0; i < PDFS; i++) {
    const korean = i % 2 === 1;
    const pages = Array.from({ length: PDF_PAGES }, (_, p) => Array.from({ length: 40 }, (_, line) => sentence(korean, seed, i, p * 40 + line, 12)));
    files.push({ fileName: `manual-${seed}-${i}.pdf`, bytes: await makePdf(pages), pages: PDF_PAGES });
  }
  for (let i = 0; i < DOCXS; i++) {
    const korean = i % 2 === 0;
    const parts: DocxPart[] = Array.from({ length: TEXT_PAGES }, (_, p) => [
      { heading: `${korean ? "절" : "Section"} ${p + 1}`, level: 2 as const },
      ...Array.from({ length: 4 }, (_, k) => ({
        paragraph: Array.from({ length: 9 }, (_, s) => sentence(korean, seed, 100 + i, p * 36 + k * 9 + s, 12)).join(" "),
      })),
    ]).flat();
    files.push({ fileName: `policy-${seed}-${i}.docx`, bytes: await makeDocx([{ heading: `Policy ${seed}-${i}`, level: 1 }, ...parts]), pages: TEXT_PAGES });
  }
  for (let i = 0; i < MARKDOWNS; i++) {
    const korean = i % 2 === 1;
    const body = Array.from({ length: TEXT_PAGES }, (_, p) => {
      const paragraphs = Array.from({ length: 4 }, (_, k) =>
        Array.from({ length: 9 }, (_, s) => sentence(korean, seed, 200 + i, p * 36 + k * 9 + s, 12)).join(" "),
      );
      return `## ${korean ? "항목" : "Topic"} ${p + 1}\n\n${paragraphs.join("\n\n")}`;
    });
    files.push({ fileName: `guide-${seed}-${i}.md`, bytes: new TextEncoder().encode(`# Guide ${seed}-${i}\n\n${body.join("\n\n")}\n`), pages: TEXT_PAGES });
  }
  return files;
}

const ENGLISH = (
  "the pressure valve inspection must be recorded in the maintenance log before every shift and any deviation reported to the " +
  "safety officer who decides whether the line keeps running while spare parts are ordered through the purchasing portal " +
  "employees claim travel expenses within thirty days and attach receipts for hotels meals and train tickets approved by managers"
).split(" ");
const KOREAN = (
  "연차 휴가 신청은 인사팀 포털에서 합니다 압력 밸브 점검 결과는 매 교대 전에 정비 일지에 기록하고 이상이 있으면 안전 담당자에게 " +
  "보고합니다 출장 경비는 삼십 일 이내에 영수증과 함께 청구하며 숙박 식비 기차표는 팀장의 승인을 받아야 합니다"
).split(" ");

/** A deterministic sentence of `words` words: the same arguments always give the same text. */
function sentence(korean: boolean, ...numbers: number[]): string {
  const words = numbers.at(-1)!;
  const vocabulary = korean ? KOREAN : ENGLISH;
  let state = numbers.slice(0, -1).reduce((h, n) => Math.imul(h ^ (n + 0x9e3779b9), 0x85ebca6b) >>> 0, 0x811c9dc5);
  const next = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0);
  const text = Array.from({ length: words }, () => vocabulary[next() % vocabulary.length]).join(" ");
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}
