import "server-only";
import { resolveSearchFilter } from "@/lib/audit/queries";
import type { ConsoleFilter } from "@/lib/audit/console-filter";
import type { AuthenticatedUser } from "@/lib/auth/user";
import { config } from "@/lib/config";
import { withTenant } from "@/lib/db/tenant";
import { LoreError } from "@/lib/errors";
import { Outcome } from "@/lib/generated/prisma/enums";

/** Days the dashboard shows when the filter names no date range, and at most. */
export const DEFAULT_DAYS = 30;
const MAX_DAYS = 731;

export type DashboardDay = {
  day: string;
  turns: number;
  byOutcome: Record<Outcome, number>;
  tokensIn: number;
  tokensOut: number;
  /** estimated, from AUDIT_COST_PER_MILLION_*_TOKENS; null when not priced */
  cost: number | null;
  withheldTurns: number;
  negativeTurns: number;
};

export type DashboardRule = { rule: string; found: number; applied: number; blocked: number; trial: number; blockRate: number; trialRate: number };

export type DashboardFigures = {
  /** the date range shown (UTC days, both included) */
  from: string;
  to: string;
  days: DashboardDay[];
  rules: DashboardRule[];
  totals: Omit<DashboardDay, "day"> & { blockRate: number; withheldRate: number; negativeRate: number };
};

/**
 * The audit dashboard's figures for the records that match a console filter: per UTC day, turns by
 * outcome, tokens and their estimated cost, turns with a passage withheld or negative feedback; per
 * rule, how often it found, changed, refused and found something on trial, as shares of the turns.
 * Without a date range in the filter, the last DEFAULT_DAYS days. Computed in the database from the
 * search index (lore_audit_daily, lore_audit_rules), never by reading the records.
 */
export async function dashboardFigures(reader: AuthenticatedUser, filter: ConsoleFilter, today = new Date()): Promise<DashboardFigures> {
  const to = filter.to ?? isoDay(today);
  const from = filter.from ?? isoDay(new Date(Date.parse(`${to}T00:00:00Z`) - (DEFAULT_DAYS - 1) * 86_400_000));
  if (from > to) throw new LoreError("bad_request", "audit", `The filter's "from" must not be after ${to}, the last day shown.`);
  if (Date.parse(to) - Date.parse(from) >= MAX_DAYS * 86_400_000)
    throw new LoreError("bad_request", "audit", `The dashboard shows at most ${MAX_DAYS} days at a time: narrow the filter's "from" and "to".`);
  const ranged: ConsoleFilter = { ...filter, from, to };
  const { daily, rules } = await withTenant(reader.tenantId, async (tx) => {
    const search = JSON.stringify(await resolveSearchFilter(tx, reader.tenantId, ranged));
    return {
      daily: await tx.$queryRaw<
        DailyRow[]
      >`SELECT day::text AS day, outcome, turns, tokens_in, tokens_out, withheld_turns, negative_turns FROM lore_audit_daily(${search}::jsonb)`,
      rules: await tx.$queryRaw<RuleRow[]>`SELECT * FROM lore_audit_rules(${search}::jsonb)`,
    };
  });
  const days = new Map(everyDay(from, to).map((day) => [day, emptyDay(day)]));
  for (const row of daily) {
    const day = days.get(row.day);
    if (!day) continue;
    const turns = Number(row.turns);
    day.turns += turns;
    day.byOutcome[row.outcome] += turns;
    day.tokensIn += Number(row.tokens_in);
    day.tokensOut += Number(row.tokens_out);
    day.withheldTurns += Number(row.withheld_turns);
    day.negativeTurns += Number(row.negative_turns);
  }
  const price = config().audit.costPerMillionTokens;
  for (const day of days.values()) day.cost = price ? (day.tokensIn * price.input + day.tokensOut * price.output) / 1_000_000 : null;
  const totals = sumDays([...days.values()], price !== null);
  const share = (n: number) => (totals.turns === 0 ? 0 : n / totals.turns);
  return {
    from,
    to,
    days: [...days.values()],
    rules: rules.map((r) => {
      const [found, applied, blocked, trial] = [r.found, r.applied, r.blocked, r.trial].map(Number) as [number, number, number, number];
      return { rule: r.rule, found, applied, blocked, trial, blockRate: share(blocked), trialRate: share(trial) };
    }),
    totals: { ...totals, blockRate: share(totals.byOutcome.blocked), withheldRate: share(totals.withheldTurns), negativeRate: share(totals.negativeTurns) },
  };
}

type DailyRow = { day: string; outcome: Outcome; turns: bigint; tokens_in: bigint; tokens_out: bigint; withheld_turns: bigint; negative_turns: bigint };
type RuleRow = { rule: string; found: bigint; applied: bigint; blocked: bigint; trial: bigint };

const isoDay = (at: Date) => at.toISOString().slice(0, 10);

/** Every UTC day from `from` to `to`, both included. */
function everyDay(from: string, to: string): string[] {
  const days: string[] = [];
  for (let at = Date.parse(`${from}T00:00:00Z`); at <= Date.parse(`${to}T00:00:00Z`); at += 86_400_000) days.push(isoDay(new Date(at)));
  return days;
}

function emptyDay(day: string): DashboardDay {
  const byOutcome = Object.fromEntries(Object.values(Outcome).map((o) => [o, 0])) as Record<Outcome, number>;
  return { day, turns: 0, byOutcome, tokensIn: 0, tokensOut: 0, cost: null, withheldTurns: 0, negativeTurns: 0 };
}

function sumDays(days: DashboardDay[], priced: boolean): Omit<DashboardDay, "day"> {
  const total = emptyDay("");
  for (const day of days) {
    total.turns += day.turns;
    for (const outcome of Object.values(Outcome)) total.byOutcome[outcome] += day.byOutcome[outcome];
    total.tokensIn += day.tokensIn;
    total.tokensOut += day.tokensOut;
    total.withheldTurns += day.withheldTurns;
    total.negativeTurns += day.negativeTurns;
    if (priced) total.cost = (total.cost ?? 0) + (day.cost ?? 0);
  }
  const { day: _day, ...rest } = total;
  return rest;
}
