import { createHash } from "node:crypto";
import type { Block, ContentKind } from "@/lib/ingest/blocks";
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

/** A block's text on its way into a chunk; `carried` marks the overlap repeated from the chunk before. */
type Piece = { kind: ContentKind; text: string; tokens: number; carried?: boolean };
/** Blocks under one heading path on one page. */
type Section = { headings: string[]; page: number | null; pieces: Piece[] };
/** A chunk before it is written out: usually one section's pieces; several when fragments were merged. */
type Draft = { page: number | null; segments: { headings: string[]; pieces: Piece[] }[] };

/**
 * Chunks that follow the document's structure: a heading or a new page always starts a new chunk;
 * within a section, blocks (paragraphs, list items, table rows) are packed up to the target size and
 * never split unless one alone is too large, in which case it is split by sentences (code by lines),
 * then words, then characters. A table starts a fresh chunk unless it fits whole in the current one,
 * and its rows, which each name their columns, are never repeated as overlap. Consecutive chunks of
 * prose overlap by a sentence or two so that a fact on a boundary is found whole. Fragments below
 * the minimum size are merged into a neighbour on the same page, each part keeping its heading.
 * No chunk is over the maximum size.
 */
export function chunkBlocks(blocks: Block[], options: ChunkingOptions = DEFAULT_CHUNKING): ChunkDraft[] {
  const drafts = mergeFragments(
    sections(blocks).flatMap((section) => packSection(section, options)),
    options,
  );
  return drafts.map((draft, ordinal) => {
    const { headingPath, content } = render(draft);
    return {
      ordinal,
      content,
      headingPath,
      page: draft.page,
      contentHash: createHash("sha256").update(`${headingPath}\n${content}`).digest("hex"),
      tokenCount: estimateTokens(content),
    };
  });
}

function sections(blocks: Block[]): Section[] {
  const result: Section[] = [];
  const open: { level: number; text: string }[] = [];
  let current: Section | null = null;
  for (const block of blocks) {
    if (block.kind === "heading") {
      while (open.length && open.at(-1)!.level >= block.level) open.pop();
      open.push({ level: block.level, text: block.text });
      current = null;
      continue;
    }
    if (!block.text.trim()) continue;
    const page = block.page ?? null;
    if (!current || current.page !== page) {
      current = { headings: open.map((h) => h.text), page, pieces: [] };
      result.push(current);
    }
    current.pieces.push({ kind: block.kind, text: block.text, tokens: estimateTokens(block.text) });
  }
  return result;
}

function packSection(section: Section, options: ChunkingOptions): Draft[] {
  const groups: Piece[][] = [];
  let current: Piece[] = [];
  let size = 0;
  const close = (carry: Piece[]) => {
    groups.push(current);
    current = carry;
    size = total(carry);
  };
  for (const run of runs(section.pieces)) {
    if (run[0]!.kind === "table-row" && hasOwn(current) && size + total(run) > options.targetTokens) close([]);
    for (const piece of run.flatMap((p) => (p.tokens > options.maxTokens ? splitLarge(p, options) : [p]))) {
      if (hasOwn(current) && size + piece.tokens > options.targetTokens) close(overlap(current, piece, options));
      current.push(piece);
      size += piece.tokens;
    }
  }
  if (current.length) groups.push(current);
  return groups.map((pieces) => ({ page: section.page, segments: [{ headings: section.headings, pieces }] }));
}

/** A table (consecutive rows) is one run, to be kept together; any other block is a run of its own. */
function runs(pieces: Piece[]): Piece[][] {
  const result: Piece[][] = [];
  for (const piece of pieces) {
    const last = result.at(-1);
    if (last && piece.kind === "table-row" && last[0]!.kind === "table-row") last.push(piece);
    else result.push([piece]);
  }
  return result;
}

function hasOwn(pieces: Piece[]): boolean {
  return pieces.some((piece) => !piece.carried);
}

function total(pieces: Piece[]): number {
  return pieces.reduce((sum, piece) => sum + piece.tokens, 0);
}

/**
 * The last sentences of prose, up to the overlap budget, repeated at the start of the next chunk.
 * Nothing is carried into or out of a table, nor when it would be half the chunk it comes from
 * (such a short chunk is better merged whole), nor when the next chunk would exceed the maximum.
 */
function overlap(previous: Piece[], next: Piece, options: ChunkingOptions): Piece[] {
  const last = previous.at(-1);
  if (!last || last.carried || !isProse(last.kind) || !isProse(next.kind) || options.overlapTokens <= 0) return [];
  const carried: string[] = [];
  let tokens = 0;
  for (const sentence of sentences(last.text).reverse()) {
    const t = estimateTokens(sentence);
    if (tokens + t > options.overlapTokens) break;
    carried.unshift(sentence);
    tokens += t;
  }
  if (!carried.length || tokens * 2 >= total(previous) || tokens + next.tokens > options.maxTokens) return [];
  return [{ kind: last.kind, text: carried.join(" "), tokens, carried: true }];
}

function isProse(kind: ContentKind): boolean {
  return kind === "paragraph" || kind === "list-item";
}

/** A block larger than a chunk, in pieces of at most the target size. */
function splitLarge(piece: Piece, options: ChunkingOptions): Piece[] {
  const code = piece.kind === "code";
  const units = code ? piece.text.split("\n") : sentences(piece.text);
  // biome-ignore lint/suspicious/noFocusedTests: fit() is this module's own splitter, not a focused test
  const atoms = units.flatMap((unit) => fit(unit, options.targetTokens));
  return pack(atoms, options.targetTokens, code ? "\n" : " ")
    .filter((text) => text.trim())
    .map((text) => ({ kind: piece.kind, text, tokens: estimateTokens(text) }));
}

/** A sentence or line within the limit, else its words; a word over it (a long unspaced CJK run) by characters. */
function fit(text: string, limit: number): string[] {
  if (estimateTokens(text) <= limit) return [text];
  const words = text
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((word) => (estimateTokens(word) <= limit ? [word] : pack(graphemes(word), limit, "")));
  return pack(words, limit, " ");
}

/**
 * Atoms joined greedily into parts of at most `limit` tokens. The sum of the atoms' estimates is
 * never below the estimate of their concatenation, so each part is within the limit.
 */
function pack(atoms: string[], limit: number, separator: string): string[] {
  const parts: string[] = [];
  let part: string[] = [];
  let size = 0;
  for (const atom of atoms) {
    const tokens = estimateTokens(atom);
    if (part.length && size + tokens > limit) {
      parts.push(part.join(separator));
      part = [];
      size = 0;
    }
    part.push(atom);
    size += tokens;
  }
  if (part.length) parts.push(part.join(separator));
  return parts;
}

const graphemeSegmenter = new Intl.Segmenter("und", { granularity: "grapheme" });

function graphemes(word: string): string[] {
  return [...graphemeSegmenter.segment(word)].map((s) => s.segment);
}

function mergeFragments(drafts: Draft[], options: ChunkingOptions): Draft[] {
  const merged: Draft[] = [];
  for (const draft of drafts) {
    const previous = merged.at(-1);
    if (previous && previous.page === draft.page && (tokensOf(previous) < options.minTokens || tokensOf(draft) < options.minTokens)) {
      const candidate: Draft = { page: previous.page, segments: joinSegments(previous, withoutOverlap(draft)) };
      if (tokensOf(candidate) <= options.maxTokens) {
        merged[merged.length - 1] = candidate;
        continue;
      }
    }
    merged.push(draft);
  }
  return merged;
}

// The overlap repeats the end of the draft before, which the merged chunk already holds.
function withoutOverlap(draft: Draft): Draft["segments"] {
  return draft.segments.map((segment) => ({ ...segment, pieces: segment.pieces.filter((piece) => !piece.carried) }));
}

function joinSegments(previous: Draft, segments: Draft["segments"]): Draft["segments"] {
  const [first, ...rest] = segments;
  const last = previous.segments.at(-1)!;
  if (first && sameHeadings(last.headings, first.headings)) {
    return [...previous.segments.slice(0, -1), { headings: last.headings, pieces: [...last.pieces, ...first.pieces] }, ...rest];
  }
  return [...previous.segments, ...segments];
}

function tokensOf(draft: Draft): number {
  return estimateTokens(render(draft).content);
}

/**
 * A draft as text. A merged draft's heading path is what its parts share; each part under a deeper
 * heading is introduced by the rest of its path, so no passage loses where it sits.
 */
function render(draft: Draft): { headingPath: string; content: string } {
  const shared = draft.segments.map((s) => s.headings).reduce(commonPrefix);
  const lines = draft.segments.flatMap((segment) => {
    const own = segment.headings.slice(shared.length);
    return [...(own.length ? [own.join(" › ")] : []), ...segment.pieces.map((piece) => piece.text)];
  });
  return { headingPath: shared.join(" › "), content: lines.join("\n") };
}

function commonPrefix(a: string[], b: string[]): string[] {
  let length = 0;
  while (length < a.length && length < b.length && a[length] === b[length]) length++;
  return a.slice(0, length);
}

function sameHeadings(a: string[], b: string[]): boolean {
  return a.length === b.length && commonPrefix(a, b).length === a.length;
}
