// A large corpus for the benchmarks, written straight into the search tables (documents and their
// chunks with their BM25 terms, as ingestion stores them, without vectors): loading 100k chunks
// through uploads and the worker would take most of an hour, and what is measured is the search and
// the turn, not ingestion. Text is sentences of the development sets' passages (English and Korean,
// two to one), so that terms are spread as in real documents.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { withTenant } from "@/lib/db/tenant";
import { checkpointWhenDue } from "@/lib/ingest/jobs/table-upkeep";
import { insertChunks } from "@/lib/ingest/store-chunks";

export const EVAL_DATA = path.resolve(process.env.LORE_EVAL_DATA ?? "../shared/eval", "retrieval_qa");

export const CHUNKS_PER_DOCUMENT = 10;
// Documents written in one transaction.
const DOCUMENTS_PER_TRANSACTION = 50;

/**
 * Adds documents of CHUNKS_PER_DOCUMENT chunks until the tenant holds `target` chunks from `from`;
 * `readers(index)` gives document `index` its ACL. Returns `target`.
 */
export async function loadChunks(
  tenantId: string,
  options: { from: number; target: number; readers: (index: number) => string[]; text: () => string },
): Promise<number> {
  const uploader = randomUUID();
  const batch = CHUNKS_PER_DOCUMENT * DOCUMENTS_PER_TRANSACTION;
  for (let first = options.from; first < options.target; first += batch) {
    await withTenant(
      tenantId,
      async (tx) => {
        for (let chunk = first; chunk < Math.min(options.target, first + batch); chunk += CHUNKS_PER_DOCUMENT) {
          const index = chunk / CHUNKS_PER_DOCUMENT;
          const acl = options.readers(index);
          const document = await tx.document.create({
            data: {
              tenantId,
              title: `Document ${index}`,
              fileName: `d${index}.txt`,
              mimeType: "text/plain",
              sizeBytes: 1,
              contentHash: `d${index}`,
              acl,
              status: "ready",
              uploadedBy: uploader,
            },
          });
          const drafts = Array.from({ length: CHUNKS_PER_DOCUMENT }, (_, ordinal) => ({
            draft: { ordinal, content: options.text(), headingPath: `Document ${index}`, page: null, contentHash: `${index}-${ordinal}`, tokenCount: 0 },
            vectors: [],
          }));
          await insertChunks(tx, { tenantId, documentId: document.id, acl, generation: 0 }, drafts);
        }
      },
      { timeoutMs: 600_000 },
    );
    // As a server's worker would between jobs: the embedded database makes no checkpoints of its own.
    await checkpointWhenDue();
    if ((first + batch) % 10_000 === 0) console.log(`bench: ${first + batch} chunks loaded`);
  }
  return options.target;
}

export function readJsonl<Row>(file: string): Row[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Row);
}

/** Passages of three to seven sentences drawn from the development sets, English and Korean (two to one); deterministic. */
export function sentenceSource(): () => string {
  const segmenter = new Intl.Segmenter("und", { granularity: "sentence" });
  const sentencesOf = (set: string) =>
    readJsonl<{ text?: string }>(path.join(EVAL_DATA, set, "corpus.jsonl")).flatMap((row) =>
      [...segmenter.segment(row.text ?? "")].map((s) => s.segment.trim()).filter(Boolean),
    );
  const english = sentencesOf("squad_v1.1_dev");
  const korean = sentencesOf("korquad_v1.0_dev");
  let seed = 42;
  const random = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  return () => {
    const pool = random() < 0.66 ? english : korean;
    return Array.from({ length: 3 + Math.floor(random() * 5) }, () => pool[Math.floor(random() * pool.length)]!).join(" ");
  };
}
