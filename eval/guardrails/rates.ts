/** Rounded ratio, or null when there is nothing to divide by (a figure over no rows is not a figure). */
export function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : Math.round((numerator / denominator) * 1000) / 1000;
}

/** Share of `items` for which `flagged` is true, with its n. */
export function flaggedShare<T>(items: T[], flagged: (item: T) => boolean): { rate: number | null; n: number } {
  return { rate: ratio(items.filter(flagged).length, items.length), n: items.length };
}
