import { describe, expect, it } from "vitest";
import { backoffDelayMs, TransientError, withRetries } from "@/lib/embeddings/retry";

const backoff = { baseMs: 1, maxMs: 4 };

function failingTimes(failures: number, error: () => Error) {
  let calls = 0;
  const operation = async () => {
    calls++;
    if (calls <= failures) throw error();
    return "done";
  };
  return { operation, calls: () => calls };
}

describe("withRetries", () => {
  it("retries transient failures until the operation succeeds", async () => {
    const { operation, calls } = failingTimes(3, () => new TransientError("HTTP 503"));
    await expect(withRetries(operation, { maxRetries: 3, backoff })).resolves.toBe("done");
    expect(calls()).toBe(4);
  });

  it("throws the last transient failure once retries are spent", async () => {
    const { operation, calls } = failingTimes(10, () => new TransientError("HTTP 503"));
    await expect(withRetries(operation, { maxRetries: 2, backoff })).rejects.toThrow(TransientError);
    expect(calls()).toBe(3);
  });

  it("does not retry other errors", async () => {
    const { operation, calls } = failingTimes(1, () => new Error("HTTP 401"));
    await expect(withRetries(operation, { maxRetries: 5, backoff })).rejects.toThrow("HTTP 401");
    expect(calls()).toBe(1);
  });

  it("waits what the server asked for when it said, otherwise backs off", async () => {
    let calls = 0;
    const operation = async () => {
      calls++;
      if (calls === 1) throw new TransientError("HTTP 429", 7);
      if (calls === 2) throw new TransientError("HTTP 500");
      return "done";
    };
    const delays: number[] = [];
    await withRetries(operation, { maxRetries: 2, backoff, onRetry: ({ delayMs }) => delays.push(delayMs) });
    expect(delays[0]).toBe(7);
    expect(delays[1]).toBeLessThanOrEqual(2);
  });
});

describe("backoffDelayMs", () => {
  it("draws below a cap that doubles with each attempt up to the maximum", () => {
    const policy = { baseMs: 100, maxMs: 1000 };
    for (let i = 0; i < 200; i++) {
      expect(backoffDelayMs(1, policy)).toBeLessThan(100);
      expect(backoffDelayMs(3, policy)).toBeLessThan(400);
      expect(backoffDelayMs(10, policy)).toBeLessThan(1000);
    }
    const draws = Array.from({ length: 200 }, () => backoffDelayMs(3, policy));
    expect(Math.max(...draws)).toBeGreaterThan(200);
  });
});
