import { describe, expect, it } from "vitest";
import { citedInOrder, sentencesCiting } from "@/lib/chat/cited-sources";
import type { Citation } from "@/lib/chat/messages";
import { passageBlocks } from "@/lib/chat/passage-view";

const citation = (n: number): Citation => ({ n, chunkId: `c${n}`, documentId: `d${n}`, documentTitle: `Doc ${n}`, headingPath: "", page: null });

describe("the sources under an answer", () => {
  it("are only those cited, in the order first cited", () => {
    const all = [1, 2, 3, 4].map(citation);
    expect(citedInOrder("Twenty-five days [3]. Carry-over until March [1][3].", all).map((c) => c.n)).toEqual([3, 1]);
    expect(citedInOrder("Nothing cited.", all)).toEqual([]);
    expect(citedInOrder("An unknown source [9].", all)).toEqual([]);
  });

  it("knows which of the answer's sentences cite a source", () => {
    const answer = "> Every employee receives 25 vacation days per year. Unused days carry over. [1]\n\n> Submit claims within 30 days. [2]";
    expect(sentencesCiting(answer, 1)).toEqual(["Every employee receives 25 vacation days per year. Unused days carry over."]);
    expect(sentencesCiting("연차는 15일입니다 [1]. 신청은 인사팀에 합니다 [2][1].", 2)).toEqual(["신청은 인사팀에 합니다"]);
    expect(sentencesCiting("연차는 15일입니다 [1]. 신청은 인사팀에 합니다 [2][1].", 1)).toEqual(["연차는 15일입니다", "신청은 인사팀에 합니다"]);
  });
});

describe("a passage laid out for reading", () => {
  it("turns rows with the same columns back into a table, and highlights the sentences the answer used", () => {
    const content = [
      "Vacation",
      "Every employee receives 25 vacation days per year. Unused days carry over until March.",
      "Item: Vacation | Days: 25",
      "Item: Sick leave | Days: 10",
      "Note: ask HR",
    ].join("\n");
    const blocks = passageBlocks(content, ["Every employee receives 25 vacation days per year."]);
    expect(blocks[0]).toEqual({ kind: "paragraph", sentences: [{ text: "Vacation", used: false }] });
    expect(blocks[1]).toEqual({
      kind: "paragraph",
      sentences: [
        { text: "Every employee receives 25 vacation days per year.", used: true },
        { text: "Unused days carry over until March.", used: false },
      ],
    });
    expect(blocks[2]).toEqual({
      kind: "table",
      columns: ["Item", "Days"],
      rows: [
        ["Vacation", "25"],
        ["Sick leave", "10"],
      ],
    });
    expect(blocks[3]).toEqual({ kind: "paragraph", sentences: [{ text: "Note: ask HR", used: false }] });
  });

  it("highlights Korean sentences too", () => {
    const blocks = passageBlocks("연차 휴가는 입사 1년 후 15일이 부여됩니다. 휴가 신청은 인사팀에 합니다.", ["연차 휴가는 입사 1년 후 15일이 부여됩니다."]);
    expect(blocks).toEqual([
      {
        kind: "paragraph",
        sentences: [
          { text: "연차 휴가는 입사 1년 후 15일이 부여됩니다.", used: true },
          { text: "휴가 신청은 인사팀에 합니다.", used: false },
        ],
      },
    ]);
  });
});
