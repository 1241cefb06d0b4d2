import { describe, expect, it } from "vitest";
import { l2Normalised } from "@/lib/embeddings/normalise";

describe("l2Normalised", () => {
  it("scales a vector to length 1 keeping its direction", () => {
    expect(l2Normalised([3, 4])).toEqual([0.6, 0.8]);
    expect(Math.hypot(...l2Normalised([1, -2, 3, 0.5]))).toBeCloseTo(1, 12);
  });

  it("leaves a unit vector as it is and a zero vector at zero", () => {
    expect(l2Normalised([0, 1, 0])).toEqual([0, 1, 0]);
    expect(l2Normalised([0, 0])).toEqual([0, 0]);
  });
});
