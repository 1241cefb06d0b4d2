import { CONSOLE_MESSAGES, percent } from "@/components/audit/console-messages";
import type { AuditLocale } from "@/components/audit/messages";
import type { DashboardFigures } from "@/lib/audit/dashboard";

/** The dashboard's totals and its per-rule table: the figures behind the charts, as numbers. */
export function DashboardSummary({
  figures,
  labels,
  locale,
}: {
  figures: DashboardFigures;
  labels: { label: string; open: number; resolved: number }[];
  locale: AuditLocale;
}) {
  const t = CONSOLE_MESSAGES[locale].dashboard;
  const triage = CONSOLE_MESSAGES[locale].triage;
  const number = new Intl.NumberFormat(locale === "ko" ? "ko-KR" : "en-US");
  const { totals } = figures;
  const tiles: [string, string, string, string?][] = [
    ["turns", t.turns, number.format(totals.turns)],
    ["block-rate", t.blockRate, percent(totals.blockRate)],
    ["withheld-rate", t.withheldRate, percent(totals.withheldRate)],
    ["negative-rate", t.negativeRate, percent(totals.negativeRate)],
    ["tokens", t.tokens, `${number.format(totals.tokensIn)} / ${number.format(totals.tokensOut)}`],
    totals.cost === null ? ["cost", t.cost, "—", t.notPriced] : ["cost", t.cost, totals.cost.toFixed(2)],
  ];
  return (
    <>
      <dl className="grid grid-cols-2 gap-3 md:grid-cols-3 lg:grid-cols-6" data-testid="dashboard-totals">
        {tiles.map(([key, label, value, note]) => (
          <div key={key} className="rounded-lg border border-slate-200 bg-white p-3" data-testid={`total-${key}`}>
            <dt className="text-xs text-slate-500">{label}</dt>
            <dd className="text-lg font-semibold tabular-nums">{value}</dd>
            {note && <dd className="break-words text-xs text-slate-400">{note}</dd>}
          </div>
        ))}
      </dl>
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="mb-2 text-sm font-semibold text-slate-700">{t.rulesTable}</h2>
        {figures.rules.length === 0 ? (
          <p className="text-sm text-slate-500">{t.noRules}</p>
        ) : (
          <table className="w-full text-sm" data-testid="dashboard-rules">
            <thead className="text-left text-slate-500">
              <tr>
                {[t.rule, t.found, t.applied, t.blocked, t.trial, t.blockedShare, t.trialShare].map((heading) => (
                  <th key={heading} className="px-2 py-1 font-medium">
                    {heading}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {figures.rules.map((r) => (
                <tr key={r.rule} className="border-t border-slate-100 tabular-nums" data-testid="dashboard-rule">
                  <td className="px-2 py-1 font-mono text-xs">{r.rule}</td>
                  <td className="px-2 py-1">{number.format(r.found)}</td>
                  <td className="px-2 py-1">{number.format(r.applied)}</td>
                  <td className="px-2 py-1">{number.format(r.blocked)}</td>
                  <td className="px-2 py-1">{number.format(r.trial)}</td>
                  <td className="px-2 py-1">{percent(r.blockRate)}</td>
                  <td className="px-2 py-1">{percent(r.trialRate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {labels.length > 0 && (
        <section className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="mb-2 text-sm font-semibold text-slate-700">{triage.countsTitle}</h2>
          <table className="text-sm" data-testid="feedback-labels">
            <thead className="text-left text-slate-500">
              <tr>
                <th className="px-2 py-1 font-medium">{triage.label}</th>
                <th className="px-2 py-1 font-medium">{triage.statuses.open}</th>
                <th className="px-2 py-1 font-medium">{triage.statuses.resolved}</th>
              </tr>
            </thead>
            <tbody>
              {labels.map((l) => (
                <tr key={l.label} className="border-t border-slate-100 tabular-nums" data-testid="feedback-label">
                  <td className="px-2 py-1">{triage.labels[l.label] ?? l.label}</td>
                  <td className="px-2 py-1">{number.format(l.open)}</td>
                  <td className="px-2 py-1">{number.format(l.resolved)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}
