/**
 * How long a throttled or unavailable server asks the client to wait, in milliseconds, or undefined
 * when it does not say. OpenAI and Azure send `retry-after-ms`; the standard `Retry-After` is either
 * seconds or an HTTP date.
 */
export function retryAfterMs(headers: Headers, now: number = Date.now()): number | undefined {
  const milliseconds = headers.get("retry-after-ms");
  if (milliseconds !== null && isNonNegativeNumber(milliseconds)) return Number(milliseconds);
  const retryAfter = headers.get("retry-after");
  if (retryAfter === null) return undefined;
  if (isNonNegativeNumber(retryAfter)) return Number(retryAfter) * 1000;
  // An HTTP date starts with the day's name; Date.parse alone would also read "-5" as a year.
  const date = /^\s*[A-Za-z]/.test(retryAfter) ? Date.parse(retryAfter) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function isNonNegativeNumber(text: string): boolean {
  return /^\s*\d+(\.\d+)?\s*$/.test(text);
}
