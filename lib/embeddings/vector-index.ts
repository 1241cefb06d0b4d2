import "server-only";
import { createHash } from "node:crypto";
import { systemDatabase } from "@/lib/db/system";
import { SLOT_COLUMNS, sqlLiteral } from "@/lib/embeddings/slots";
import type { EmbeddingSlot } from "@/lib/generated/prisma/enums";
import { logger } from "@/lib/log";

export type IndexedEmbedder = { id: string; dimensions: number; slot: EmbeddingSlot };

// pgvector's HNSW indexes take vectors of at most 2,000 dimensions; larger ones are searched exactly.
const MAX_HNSW_DIMENSIONS = 2000;
const MAX_IDENTIFIER_LENGTH = 63;

/**
 * The name of an embedder's partial HNSW index. An id of lowercase letters, digits and hyphens maps
 * one to one onto a name (so the lexical embedder's index keeps the name its migration gave it);
 * any other id also gets a hash of itself, so two ids that sanitise alike never share a name.
 */
export function vectorIndexName(embedder: Pick<IndexedEmbedder, "id" | "slot">): string {
  const column = SLOT_COLUMNS[embedder.slot].vector;
  const plain = /^[a-z0-9-]+$/.test(embedder.id);
  const sanitised = embedder.id.toLowerCase().replace(/[^a-z0-9]/g, "_");
  const hash = createHash("sha256").update(embedder.id).digest("hex").slice(0, 8);
  const plainName = `chunks_${column}_${sanitised}_hnsw`;
  if (plain && plainName.length <= MAX_IDENTIFIER_LENGTH) return plainName;
  const room = MAX_IDENTIFIER_LENGTH - `chunks_${column}__${hash}_hnsw`.length;
  return `chunks_${column}_${sanitised.slice(0, room)}_${hash}_hnsw`;
}

/**
 * Creates the embedder's index unless a valid one exists: an HNSW index over its slot's column cast
 * to its dimension, for its rows only (the column is dimensionless so that embedders can coexist).
 * On Postgres it is built CONCURRENTLY, so searches and writes go on meanwhile; a build that failed
 * half-way leaves an invalid index, which is dropped and built again. Returns whether it built one.
 */
export async function ensureVectorIndex(embedder: IndexedEmbedder): Promise<boolean> {
  if (embedder.dimensions > MAX_HNSW_DIMENSIONS) {
    logger().warn({ embedder: embedder.id, dimensions: embedder.dimensions }, "vectors too long for an HNSW index; searching them exactly");
    return false;
  }
  const name = vectorIndexName(embedder);
  const state = await vectorIndexState(name);
  if (state === "valid") return false;
  if (state === "invalid") await dropVectorIndex(embedder);
  const { vector, model } = SLOT_COLUMNS[embedder.slot];
  const started = performance.now();
  await systemDatabase("maintenance").prisma.$executeRawUnsafe(
    `CREATE INDEX ${concurrently()} IF NOT EXISTS "${name}" ON chunks USING hnsw ((${vector}::vector(${embedder.dimensions})) vector_cosine_ops) WHERE ${model} = ${sqlLiteral(embedder.id)}`,
  );
  logger().info({ index: name, ms: Math.round(performance.now() - started) }, "built vector index");
  return true;
}

export async function dropVectorIndex(embedder: Pick<IndexedEmbedder, "id" | "slot">): Promise<void> {
  await systemDatabase("maintenance").prisma.$executeRawUnsafe(`DROP INDEX ${concurrently()} IF EXISTS "${vectorIndexName(embedder)}"`);
}

export async function vectorIndexState(name: string): Promise<"missing" | "valid" | "invalid"> {
  const rows = await systemDatabase("maintenance").prisma.$queryRaw<{ valid: boolean }[]>`
    SELECT i.indisvalid AS valid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = ${name}`;
  if (rows.length === 0) return "missing";
  return rows[0]!.valid ? "valid" : "invalid";
}

// The embedded database has a single connection and nothing to run concurrently with; CONCURRENTLY
// would only wait for itself.
function concurrently(): string {
  return systemDatabase("maintenance").kind === "postgres" ? "CONCURRENTLY" : "";
}
