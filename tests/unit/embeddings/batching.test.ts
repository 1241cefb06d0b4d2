import { describe, expect, it, vi } from "vitest";
import { inBatches, mapConcurrently } from "@/lib/embeddings/batching";

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("inBatches", () => {
  it("splits into consecutive batches of at most the size", () => {
    expect(inBatches([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(inBatches([1, 2], 5)).toEqual([[1, 2]]);
    expect(inBatches([], 3)).toEqual([]);
  });

  it("refuses a size that would never finish", () => {
    expect(() => inBatches([1], 0)).toThrow(RangeError);
    expect(() => inBatches([1], 1.5)).toThrow(RangeError);
  });
});

describe("mapConcurrently", () => {
  it("returns results in the order of the items, whatever order tasks finish in", async () => {
    const results = await mapConcurrently([30, 5, 20, 1, 10], 3, async (ms) => {
      await pause(ms);
      return ms * 2;
    });
    expect(results).toEqual([60, 10, 40, 2, 20]);
  });

  it("runs at most `limit` tasks at once, and that many when there is work", async () => {
    let running = 0;
    let mostRunning = 0;
    await mapConcurrently(
      Array.from({ length: 10 }, (_, i) => i),
      4,
      async () => {
        mostRunning = Math.max(mostRunning, ++running);
        await pause(5);
        running--;
      },
    );
    expect(mostRunning).toBe(4);
  });

  it("throws the first failure and starts no task after it", async () => {
    const started: number[] = [];
    let settled = 0;
    const run = mapConcurrently([0, 1, 2, 3, 4, 5], 2, async (item) => {
      started.push(item);
      try {
        await pause(5);
        if (item === 1) throw new Error("item 1 failed");
        return item;
      } finally {
        settled++;
      }
    });
    await expect(run).rejects.toThrow("item 1 failed");
    // Once the tasks still running when it failed have ended, any further task would have started.
    await vi.waitFor(() => expect(settled).toBe(started.length));
    expect(started).toEqual([0, 1, 2]);
  });
});
