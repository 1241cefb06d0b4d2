import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { currentRequestId, withRequestId } from "@/lib/log";

// The request id that every log line carries and that a chat turn reads for its decision record.
describe("the current request id", () => {
  it("is the request's own through awaits, timers and concurrent requests, and absent outside one", async () => {
    expect(currentRequestId()).toBeUndefined();
    const seen = await Promise.all(
      ["first", "second", "third"].map((id, i) =>
        withRequestId(id, async () => {
          const atStart = currentRequestId();
          await sleep(30 - i * 10);
          const afterTimer = await new Promise<string | undefined>((resolve) => setImmediate(() => resolve(currentRequestId())));
          return [atStart, afterTimer];
        }),
      ),
    );
    expect(seen).toEqual([
      ["first", "first"],
      ["second", "second"],
      ["third", "third"],
    ]);
    expect(currentRequestId()).toBeUndefined();
  });
});
