import { createHash } from "node:crypto";
import type { Block } from "@/lib/ingest/blocks";
import { estimateTokens, sentences } from "@/lib/text/tokens";

export type ChunkDraft = {
  ordinal: number;
  content: string;
  /** "Handbook › Leave › Annual leave": where the passage sits, for citations and ranking. */
  headingPath: string;
  page: number | null;
  /** sha256 of heading path and content: unchanged chunks keep their embedding on re-upload. */
  contentHash: string;
  tokenCount: number;
};

export type ChunkingOptions = { targetTokens: number; maxTokens: number; overlapTokens: number; minTokens: number };

export const DEFAULT_CHUNKING: ChunkingOptions = { targetTokens: 384, maxTokens: 512, overlapTokens: 48, minTokens: 64 };

type Piece = { text: string; tokens: number };
type Section = { headingPath: string; page: number | null; pieces: Piece[] };

/**
 * Chunks that follow the document's structure: a heading or a new page always starts a new chunk;
 * within a section, blocks (paragraphs, list items, table rows) are packed up to the target size and
 * never split unless one alone is too large, in which case it is split by sentences. Consecutive
 * chunks of one section overlap by a sentence or two so that a fact on a boundary is found whole.
 * Fragments below the minimum size are merged into a neighbour.
 */
export function chunkBlocks(blocks: Block[], options: ChunkingOptions = DEFAULT_CHUNKING): ChunkDraft[] {
  const packed = mergeFragments(
    sections(blocks).flatMap((section) => packSection(section, options)),
    options,
  );
  return packed.map((chunk, ordinal) => ({
    ordinal,
    content: chunk.text,
    headingPath: chunk.headingPath,
    page: chunk.page,
    contentHash: createHash("sha256").update(`${chunk.headingPath}\n${chunk.text}`).digest("hex"),
    tokenCount: chunk.tokens,
  }));
}

function sections(blocks: Block[]): Section[] {
  const result: Section[] = [];
  const headings: { level: number; text: string }[] = [];
  let current: Section | null = null;
  for (const block of blocks) {
    const page = block.page ?? null;
    if (block.kind === "heading") {
      while (headings.length && headings.at(-1)!.level >= block.level) headings.pop();
      headings.push({ level: block.level, text: block.text });
      current = null;
      continue;
    }
    const headingPath = headings.map((h) => h.text).join(" › ");
    if (!current || current.page !== page) {
      current = { headingPath, page, pieces: [] };
      result.push(current);
    }
    current.pieces.push({ text: block.text, tokens: estimateTokens(block.text) });
  }
  return result;
}

type Packed = { text: string; tokens: number; headingPath: string; page: number | null };

function packSection(section: Section, options: ChunkingOptions): Packed[] {
  const pieces = section.pieces.flatMap((piece) => (piece.tokens > options.maxTokens ? splitLarge(piece.text, options) : [piece]));
  const chunks: Piece[][] = [];
  let current: Piece[] = [];
  let size = 0;
  for (const piece of pieces) {
    if (current.length && size + piece.tokens > options.targetTokens) {
      chunks.push(current);
      current = overlapFrom(current, options.overlapTokens);
      size = current.reduce((sum, p) => sum + p.tokens, 0);
    }
    current.push(piece);
    size += piece.tokens;
  }
  if (current.length) chunks.push(current);
  return chunks.map((group) => ({
    text: group.map((p) => p.text).join("\n"),
    tokens: group.reduce((sum, p) => sum + p.tokens, 0),
    headingPath: section.headingPath,
    page: section.page,
  }));
}

// The last sentences of a chunk, up to the overlap budget, carried into the next one.
function overlapFrom(previous: Piece[], overlapTokens: number): Piece[] {
  const last = previous.at(-1);
  if (!last || overlapTokens <= 0) return [];
  const carried: string[] = [];
  let tokens = 0;
  for (const sentence of sentences(last.text).reverse()) {
    const t = estimateTokens(sentence);
    if (tokens + t > overlapTokens) break;
    carried.unshift(sentence);
    tokens += t;
  }
  return carried.length ? [{ text: carried.join(" "), tokens }] : [];
}

// A block larger than a chunk: split by sentences, and a sentence larger than a chunk by words.
function splitLarge(text: string, options: ChunkingOptions): Piece[] {
  const pieces: Piece[] = [];
  let buffer: string[] = [];
  let size = 0;
  const flush = () => {
    if (buffer.length) pieces.push({ text: buffer.join(" "), tokens: size });
    buffer = [];
    size = 0;
  };
  for (const sentence of sentences(text).flatMap((s) => splitWords(s, options.targetTokens))) {
    const t = estimateTokens(sentence);
    if (size + t > options.targetTokens) flush();
    buffer.push(sentence);
    size += t;
  }
  flush();
  return pieces;
}

function splitWords(sentence: string, limit: number): string[] {
  if (estimateTokens(sentence) <= limit) return [sentence];
  const words = sentence.split(/\s+/);
  const parts: string[] = [];
  let part: string[] = [];
  for (const word of words) {
    if (part.length && estimateTokens([...part, word].join(" ")) > limit) {
      parts.push(part.join(" "));
      part = [];
    }
    part.push(word);
  }
  if (part.length) parts.push(part.join(" "));
  return parts;
}

function mergeFragments(chunks: Packed[], options: ChunkingOptions): Packed[] {
  const merged: Packed[] = [];
  for (const chunk of chunks) {
    const previous = merged.at(-1);
    const tiny = chunk.tokens < options.minTokens || (previous !== undefined && previous.tokens < options.minTokens);
    if (previous && tiny && previous.page === chunk.page && previous.tokens + chunk.tokens <= options.maxTokens) {
      const longer = chunk.tokens > previous.tokens ? chunk : previous;
      const headingLine = previous.headingPath !== chunk.headingPath && chunk.headingPath ? `${lastHeading(chunk.headingPath)}\n` : "";
      merged[merged.length - 1] = {
        text: `${previous.text}\n${headingLine}${chunk.text}`,
        tokens: previous.tokens + chunk.tokens,
        headingPath: longer.headingPath,
        page: previous.page,
      };
    } else merged.push(chunk);
  }
  return merged;
}

function lastHeading(path: string): string {
  return path.split(" › ").at(-1) ?? path;
}
