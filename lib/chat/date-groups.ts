/**
 * Conversations grouped the way chat apps do: today, yesterday, the previous 7 and 30 days, then by
 * month. Days are counted in the reader's time zone, so "today" starts at their midnight.
 */
export type DateGroup = { kind: "today" | "yesterday" | "previous7" | "previous30" } | { kind: "month"; year: number; month: number };

export function groupByDate<T extends { updatedAt: string }>(items: T[], now: Date, timeZone: string): { group: DateGroup; items: T[] }[] {
  const groups: { group: DateGroup; key: string; items: T[] }[] = [];
  const today = dayNumber(now, timeZone);
  for (const item of items) {
    const when = new Date(item.updatedAt);
    const age = today - dayNumber(when, timeZone);
    const group: DateGroup =
      age <= 0
        ? { kind: "today" }
        : age === 1
          ? { kind: "yesterday" }
          : age <= 7
            ? { kind: "previous7" }
            : age <= 30
              ? { kind: "previous30" }
              : { kind: "month", ...yearMonth(when, timeZone) };
    const key = group.kind === "month" ? `${group.year}-${group.month}` : group.kind;
    const last = groups.at(-1);
    if (last?.key === key) last.items.push(item);
    else groups.push({ group, key, items: [item] });
  }
  return groups.map(({ group, items }) => ({ group, items }));
}

/** Days since the epoch of the calendar date this instant falls on in the time zone. */
function dayNumber(instant: Date, timeZone: string): number {
  const { year, month, day } = parts(instant, timeZone);
  return Math.floor(Date.UTC(year, month - 1, day) / 86_400_000);
}

function yearMonth(instant: Date, timeZone: string): { year: number; month: number } {
  const { year, month } = parts(instant, timeZone);
  return { year, month };
}

function parts(instant: Date, timeZone: string): { year: number; month: number; day: number } {
  const values = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "numeric", day: "numeric" })
      .formatToParts(instant)
      .filter((p) => p.type !== "literal")
      .map((p) => [p.type, Number(p.value)]),
  );
  return { year: values.year!, month: values.month!, day: values.day! };
}
