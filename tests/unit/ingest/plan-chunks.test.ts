import { describe, expect, it } from "vitest";
import type { ChunkDraft } from "@/lib/ingest/chunk";
import { planChunks } from "@/lib/ingest/plan-chunks";

const draft = (ordinal: number, contentHash: string, page: number | null = null): ChunkDraft => ({
  ordinal,
  content: contentHash,
  headingPath: "",
  page,
  contentHash,
  tokenCount: 1,
});
const live = (id: string, ordinal: number, contentHash: string, page: number | null = null) => ({ id, ordinal, contentHash, page });

describe("planning a re-index by content hash", () => {
  it("keeps unchanged chunks in place, copies moved ones, and embeds only new text", () => {
    const plan = planChunks(
      [draft(0, "intro"), draft(1, "new"), draft(2, "rules"), draft(3, "faq", 2)],
      [live("a", 0, "intro"), live("b", 1, "rules"), live("c", 2, "gone"), live("d", 3, "faq", 1)],
    );
    expect(plan.keptIds).toEqual(["a"]);
    expect(plan.moved).toEqual([
      { fromId: "b", ordinal: 2, page: null },
      { fromId: "d", ordinal: 3, page: 2 },
    ]);
    expect(plan.fresh.map((d) => d.contentHash)).toEqual(["new"]);
  });

  it("matches repeated passages one to one, preferring the copy in the same place", () => {
    const plan = planChunks([draft(0, "same"), draft(1, "same"), draft(2, "same")], [live("x", 1, "same"), live("y", 5, "same")]);
    expect(plan.keptIds).toEqual(["x"]);
    expect(plan.moved).toEqual([{ fromId: "y", ordinal: 0, page: null }]);
    expect(plan.fresh.map((d) => d.ordinal)).toEqual([2]);
  });

  it("embeds everything when nothing is indexed yet", () => {
    expect(planChunks([draft(0, "a"), draft(1, "b")], [])).toMatchObject({ keptIds: [], moved: [], fresh: [{ ordinal: 0 }, { ordinal: 1 }] });
  });
});
