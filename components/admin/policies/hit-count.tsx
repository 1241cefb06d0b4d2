import { Activity } from "lucide-react";
import type { CheckHits, HitCounts } from "@/lib/guardrails/policy-stats";
import type { GuardStage } from "@/lib/guardrails/verdicts";

export type RuleHits = { last7Days: HitCounts; last30Days: HitCounts };

/** The hits of one check, or of every check of a stage when no check is named (summed). */
export function hitsFor(hits: CheckHits[], stage: GuardStage, check?: string): RuleHits | undefined {
  const matching = hits.filter((h) => h.stage === stage && (check === undefined || h.check === check));
  if (matching.length === 0) return undefined;
  const sum = (window: keyof RuleHits): HitCounts => ({
    applied: matching.reduce((n, h) => n + h[window].applied, 0),
    shadow: matching.reduce((n, h) => n + h[window].shadow, 0),
    allowed: matching.reduce((n, h) => n + h[window].allowed, 0),
  });
  return { last7Days: sum("last7Days"), last30Days: sum("last30Days") };
}

const total = (counts: HitCounts) => counts.applied + counts.shadow + counts.allowed;

/** "12 in 7 days · 40 in 30 days", with trial hits called out: how often a rule fired in real chat turns. */
export function HitCount({ hits }: { hits: RuleHits | undefined }) {
  const week = hits ? total(hits.last7Days) : 0;
  const month = hits ? total(hits.last30Days) : 0;
  if (!hits || month === 0) {
    return (
      <p className="flex items-center gap-1 text-xs text-slate-400" data-testid="hit-count">
        <Activity className="size-3" aria-hidden /> No hits in the last 30 days
      </p>
    );
  }
  const breakdown = (label: string, c: HitCounts) => `${label}: ${c.applied} applied, ${c.shadow} in trial (shadow), ${c.allowed} allowed and recorded`;
  return (
    <p
      className="flex items-center gap-1 text-xs text-slate-600"
      data-testid="hit-count"
      title={`${breakdown("Last 7 days", hits.last7Days)}\n${breakdown("Last 30 days", hits.last30Days)}`}
    >
      <Activity className="size-3 text-indigo-500" aria-hidden />
      <span className="tabular-nums">
        {week} in 7 days · {month} in 30 days
      </span>
      {hits.last30Days.shadow > 0 && <span className="rounded bg-amber-50 px-1 text-amber-700">{hits.last30Days.shadow} in trial</span>}
    </p>
  );
}
