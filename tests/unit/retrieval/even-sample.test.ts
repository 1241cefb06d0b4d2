import { describe, expect, it } from "vitest";
import { evenSample, type Question } from "@/eval/retrieval/sets";

const questions = (count: number): Question[] =>
  Array.from({ length: count }, (_, i) => ({
    qid: `q${i}`,
    question: `question ${i}`,
    article: `article ${Math.floor(i / 10)}`,
    relevant: new Set([`p${i}`]),
  }));

describe("evenSample", () => {
  it("spreads the sample over the whole set instead of taking its first questions", () => {
    const sample = evenSample(questions(100), 10);
    expect(sample.map((q) => q.qid)).toEqual(["q0", "q10", "q20", "q30", "q40", "q50", "q60", "q70", "q80", "q90"]);
    expect(new Set(sample.map((q) => q.article)).size).toBe(10);
  });

  it("takes at most the count asked for, and every question of a smaller set", () => {
    expect(evenSample(questions(25), 10)).toHaveLength(10);
    expect(evenSample(questions(7), 10)).toHaveLength(7);
    expect(evenSample([], 10)).toEqual([]);
  });
});
