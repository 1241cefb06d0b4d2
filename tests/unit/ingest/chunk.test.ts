import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Block } from "@/lib/ingest/blocks";
import { chunkBlocks, type ChunkingOptions, DEFAULT_CHUNKING } from "@/lib/ingest/chunk";
import { estimateTokens } from "@/lib/text/tokens";

const sentence = (n: number) => `Employees accrue leave item ${n} under the policy described here.`;
const paragraph = (from: number, count: number) => Array.from({ length: count }, (_, i) => sentence(from + i)).join(" ");

describe("chunkBlocks", () => {
  it("starts a chunk at every heading and page, keeping the heading path and page", () => {
    const chunks = chunkBlocks([
      { kind: "heading", level: 1, text: "Handbook" },
      { kind: "heading", level: 2, text: "Leave" },
      { kind: "paragraph", text: paragraph(0, 8), page: 1 },
      { kind: "paragraph", text: paragraph(10, 8), page: 2 },
      { kind: "heading", level: 2, text: "Pay" },
      { kind: "paragraph", text: paragraph(20, 8), page: 2 },
    ]);
    expect(chunks.map((c) => [c.ordinal, c.headingPath, c.page])).toEqual([
      [0, "Handbook › Leave", 1],
      [1, "Handbook › Leave", 2],
      [2, "Handbook › Pay", 2],
    ]);
  });

  it("packs blocks up to the target and overlaps prose by its last sentences", () => {
    const blocks: Block[] = Array.from({ length: 12 }, (_, i) => ({ kind: "paragraph", text: paragraph(i * 10, 4) }));
    const chunks = chunkBlocks(blocks);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(chunk.tokenCount).toBeLessThanOrEqual(DEFAULT_CHUNKING.targetTokens + DEFAULT_CHUNKING.overlapTokens);
    const carried = chunks[1]!.content.split("\n")[0]!;
    expect(carried).toMatch(/^Employees .* here\.$/);
    expect(chunks[0]!.content.endsWith(carried)).toBe(true);
    expect(estimateTokens(carried)).toBeLessThanOrEqual(DEFAULT_CHUNKING.overlapTokens);
  });

  it("drops the overlap when it would push the next chunk over the maximum", () => {
    const options = { targetTokens: 50, maxTokens: 60, overlapTokens: 12, minTokens: 0 };
    const short = "One two three four five six seven.";
    const long = Array.from({ length: 44 }, (_, i) => `w${i}`).join(" ");
    const chunks = chunkBlocks(
      [
        { kind: "paragraph", text: [short, short, short, short].join(" ") },
        { kind: "paragraph", text: long },
      ],
      options,
    );
    expect(chunks.map((c) => c.content)).toEqual([[short, short, short, short].join(" "), long]);
    for (const chunk of chunks) expect(chunk.tokenCount).toBeLessThanOrEqual(options.maxTokens);
  });

  it("starts a table on a fresh chunk unless it fits, and never repeats rows as overlap", () => {
    const rows: Block[] = Array.from({ length: 60 }, (_, i) => ({ kind: "table-row", text: `이름 Name: 직원${i} | 일수 Days: ${i} | 부서 Team: Sales` }));
    const chunks = chunkBlocks([{ kind: "heading", level: 1, text: "연차 Leave" }, { kind: "paragraph", text: paragraph(0, 20) }, ...rows]);
    const tableChunks = chunks.filter((c) => c.content.includes("이름 Name:"));
    expect(tableChunks.length).toBeGreaterThan(1);
    for (const chunk of tableChunks) {
      expect(chunk.headingPath).toBe("연차 Leave");
      // Every line of a table chunk is a row that names its columns.
      for (const line of chunk.content.split("\n")) expect(line).toMatch(/^이름 Name: 직원\d+ \| 일수 Days: \d+ \| 부서 Team: Sales$/);
    }
    const rowLines = tableChunks.flatMap((c) => c.content.split("\n"));
    expect(rowLines).toEqual(rows.map((r) => r.text));
  });

  it("keeps a small table with the paragraph that introduces it", () => {
    const chunks = chunkBlocks([
      { kind: "paragraph", text: "Leave days by type:" },
      { kind: "table-row", text: "Type: Annual | Days: 15" },
      { kind: "table-row", text: "Type: Sick | Days: 10" },
    ]);
    expect(chunks.map((c) => c.content)).toEqual(["Leave days by type:\nType: Annual | Days: 15\nType: Sick | Days: 10"]);
  });

  it("merges tiny sections into one chunk on their shared heading path, each part under its own heading", () => {
    const chunks = chunkBlocks([
      { kind: "heading", level: 1, text: "Leave" },
      { kind: "paragraph", text: "Leave is paid." },
      { kind: "heading", level: 2, text: "Annual" },
      { kind: "paragraph", text: "15 days." },
      { kind: "heading", level: 2, text: "Sick" },
      { kind: "paragraph", text: "10 days." },
    ]);
    expect(chunks).toHaveLength(1);
    expect(chunks[0]).toMatchObject({ headingPath: "Leave", content: "Leave is paid.\nAnnual\n15 days.\nSick\n10 days." });
  });

  it("does not merge fragments across pages", () => {
    const chunks = chunkBlocks([
      { kind: "paragraph", text: "Page one.", page: 1 },
      { kind: "paragraph", text: "Page two.", page: 2 },
    ]);
    expect(chunks.map((c) => [c.content, c.page])).toEqual([
      ["Page one.", 1],
      ["Page two.", 2],
    ]);
  });

  it("splits an oversized block by sentences, words and, for unspaced text, characters", () => {
    const unspaced = "한".repeat(2000);
    const chunks = chunkBlocks([{ kind: "paragraph", text: unspaced }]);
    expect(chunks.length).toBeGreaterThanOrEqual(4);
    for (const chunk of chunks) expect(chunk.tokenCount).toBeLessThanOrEqual(DEFAULT_CHUNKING.maxTokens);
    expect(chunks.map((c) => c.content).join("")).toBe(unspaced);
  });

  it("splits oversized code by lines, keeping its indentation", () => {
    const code = Array.from({ length: 300 }, (_, i) => `  const value${i} = compute(${i}, "item");`).join("\n");
    const chunks = chunkBlocks([{ kind: "code", text: code }]);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.map((c) => c.content).join("\n")).toBe(code);
  });

  it("hashes heading path and content, so a moved passage is re-embedded and an unchanged one is not", () => {
    const under = (heading: string) =>
      chunkBlocks([
        { kind: "heading", level: 1, text: heading },
        { kind: "paragraph", text: paragraph(0, 3) },
      ])[0]!;
    expect(under("A").contentHash).toBe(under("A").contentHash);
    expect(under("A").contentHash).not.toBe(under("B").contentHash);
  });
});

describe("chunkBlocks properties", () => {
  const word = fc.oneof(
    fc.constantFrom("연차", "휴가는", "15일", "policy", "Annual", "leave.", "approved!", "why?", "。", "—", "https://example.com/a?b=c"),
    fc.string({ unit: "grapheme", minLength: 1, maxLength: 12 }),
    // Long runs without spaces, as in CJK text or identifiers.
    fc.string({ unit: fc.constantFrom("한", "글", "a", "1"), minLength: 100, maxLength: 1500 }),
  );
  const text = fc
    .array(word, { minLength: 1, maxLength: 120 })
    .chain((words) =>
      fc
        .array(fc.constantFrom(" ", " ", " ", "\n", ". ", "  "), { minLength: words.length, maxLength: words.length })
        .map((gaps) => words.map((w, i) => w + gaps[i]).join("")),
    );
  const page = fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined });
  const block: fc.Arbitrary<Block> = fc.oneof(
    fc.record({ kind: fc.constant("heading" as const), level: fc.integer({ min: 1, max: 3 }), text: fc.constantFrom("개요", "Leave", "Pay", "표"), page }),
    fc.record({ kind: fc.constantFrom("paragraph" as const, "list-item" as const, "table-row" as const, "code" as const), text, page }),
  );
  // Small sizes as well as realistic ones, so that blocks between the target and the maximum, and overlaps next to them, are common.
  const options: fc.Arbitrary<ChunkingOptions> = fc
    .oneof(
      fc.record({
        target: fc.integer({ min: 8, max: 40 }),
        extra: fc.integer({ min: 0, max: 30 }),
        overlap: fc.integer({ min: 0, max: 20 }),
        min: fc.integer({ min: 0, max: 20 }),
      }),
      fc.record({
        target: fc.integer({ min: 40, max: 400 }),
        extra: fc.integer({ min: 0, max: 200 }),
        overlap: fc.integer({ min: 0, max: 60 }),
        min: fc.integer({ min: 0, max: 100 }),
      }),
    )
    .map(({ target, extra, overlap, min }) => ({ targetTokens: target, maxTokens: target + extra, overlapTokens: overlap, minTokens: Math.min(min, target) }));
  // Shrinking texts this long can take minutes; a failure is reported with whatever shrinking was done by then.
  const limits = { interruptAfterTimeLimit: 30_000, markInterruptAsFailure: true };

  it("loses no text, numbers chunks consecutively, and keeps every chunk within the maximum", () => {
    fc.assert(
      fc.property(fc.array(block, { maxLength: 40 }), options, (blocks, chunking) => {
        const chunks = chunkBlocks(blocks, chunking);
        expect(chunks.map((c) => c.ordinal)).toEqual(chunks.map((_, i) => i));
        const content = blocks.filter((b) => b.kind !== "heading");
        const pages = new Set(content.map((b) => b.page ?? null));
        const headings = new Set(blocks.filter((b) => b.kind === "heading").map((b) => b.text));
        for (const chunk of chunks) {
          expect(chunk.content.trim()).not.toBe("");
          expect(chunk.tokenCount).toBe(estimateTokens(chunk.content));
          expect(chunk.tokenCount).toBeLessThanOrEqual(chunking.maxTokens);
          expect(pages.has(chunk.page)).toBe(true);
          for (const heading of chunk.headingPath ? chunk.headingPath.split(" › ") : []) expect(headings.has(heading)).toBe(true);
        }
        // Every character of the content blocks appears, in order, in the chunks (overlap and merged-in headings only add).
        const expected = content
          .map((b) => b.text)
          .join("")
          .replace(/\s+/g, "");
        const actual = chunks
          .map((c) => c.content)
          .join("")
          .replace(/\s+/g, "");
        expect(isSubsequence(expected, actual)).toBe(true);
      }),
      { numRuns: 300, ...limits },
    );
  });

  it("never puts text of two pages in one chunk", () => {
    fc.assert(
      fc.property(fc.array(block, { maxLength: 30 }), options, (generated, chunking) => {
        // Each content block is tagged with its index, to see where its text went.
        const blocks = generated.map((b, i): Block => (b.kind === "heading" ? b : { ...b, text: `⟦${i}⟧ ${b.text}` }));
        for (const chunk of chunkBlocks(blocks, chunking)) {
          for (const [, index] of chunk.content.matchAll(/⟦(\d+)⟧/g)) expect(blocks[Number(index)]!.page ?? null).toBe(chunk.page);
        }
      }),
      { numRuns: 200, ...limits },
    );
  });
});

function isSubsequence(needle: string, haystack: string): boolean {
  let i = 0;
  for (let j = 0; i < needle.length && j < haystack.length; j++) if (needle[i] === haystack[j]) i++;
  return i === needle.length;
}
