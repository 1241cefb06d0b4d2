import stem from "wink-porter2-stemmer";
import { describe, expect, it } from "vitest";
import { searchTerms } from "@/lib/text/terms";

describe("searchTerms", () => {
  it("gives English words their Porter2 stems, the same on every call", () => {
    const text = "Policies for running the inspections: policies, inspections.";
    const expected = ["w:polici", "w:run", "w:inspect", "w:polici", "w:inspect"];
    expect(searchTerms(text)).toEqual(expected);
    expect(searchTerms(text)).toEqual(expected);
  });

  it("stems right past the number of words whose stems it keeps", () => {
    // More distinct words than the process keeps stems for (50,000), then words seen before.
    const words = Array.from({ length: 50_100 }, (_, i) => `walking${i.toString(26).replace(/[0-9]/g, (d) => "qrstuvwxyz"[Number(d)]!)}s`);
    const terms = searchTerms([...words, ...words.slice(0, 100)].join(" "));
    expect(terms).toEqual([...words, ...words.slice(0, 100)].map((word) => `w:${stem(word)}`));
  });
});
