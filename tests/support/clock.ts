import { setTimeout as sleep } from "node:timers/promises";

/**
 * Rate limits count per clock minute, so a burst that straddled a minute boundary would be counted
 * twice over. With less than `marginMs` left of the current minute, this waits for the next minute to
 * begin (what the test needs is that moment, so a timer to it is the wait), otherwise returns at once.
 */
export async function awayFromMinuteBoundary(marginMs = 5_000): Promise<void> {
  const msLeft = 60_000 - (Date.now() % 60_000);
  // A little past the boundary: a timer may fire a millisecond early.
  if (msLeft < marginMs) await sleep(msLeft + 100);
}
