/** The reader's IANA time zone, as their browser reports it, so the server can group and print dates in it. */
export const TIME_ZONE_COOKIE = "lore-tz";

export function timeZoneOr(candidate: string | null | undefined, fallback: string): string {
  if (!candidate) return fallback;
  try {
    new Intl.DateTimeFormat("en", { timeZone: candidate });
    return candidate;
  } catch {
    return fallback;
  }
}
