import { CONSOLE_MESSAGES } from "@/components/audit/console-messages";
import { ConsolePage } from "@/components/audit/console-page";
import { DashboardCharts } from "@/components/audit/dashboard-charts";
import { DashboardSummary } from "@/components/audit/dashboard-summary";
import { FilterBar } from "@/components/audit/filter-bar";
import { auditLocale } from "@/components/audit/locale";
import { consoleFilterQuery, parseConsoleFilter, urlSearchParams, type ConsoleFilter } from "@/lib/audit/console-filter";
import { dashboardFigures, type DashboardFigures } from "@/lib/audit/dashboard";
import { feedbackLabelCounts } from "@/lib/audit/feedback-triage";
import { filterOptions } from "@/lib/audit/filter-options";
import { canReadAudit } from "@/lib/audit/readers";
import { pageUser } from "@/lib/auth/page-access";
import { LoreError } from "@/lib/errors";

export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The decision log in figures and charts, for the records the console's filter matches (the last 30 days by default). */
export default async function DashboardPage({ searchParams }: Props) {
  const reader = await pageUser();
  if (!canReadAudit(reader.role)) return null; // the layout shows why
  const locale = await auditLocale();
  const t = CONSOLE_MESSAGES[locale];
  let filter: ConsoleFilter = {};
  let figures: DashboardFigures | null = null;
  let problem: string | null = null;
  try {
    filter = parseConsoleFilter(urlSearchParams(await searchParams));
    figures = await dashboardFigures(reader, filter);
  } catch (error) {
    if (!(error instanceof LoreError)) throw error;
    problem = error.message;
  }
  const query = consoleFilterQuery(filter);
  const labels = figures
    ? await feedbackLabelCounts(reader, { from: new Date(`${figures.from}T00:00:00Z`), to: new Date(Date.parse(`${figures.to}T00:00:00Z`) + 86_400_000) })
    : [];
  return (
    <ConsolePage
      locale={locale}
      tab="dashboard"
      query={query}
      title={t.dashboard.title}
      intro={figures && <p data-testid="dashboard-range">{t.dashboard.range(figures.from, figures.to, !filter.from && !filter.to)}</p>}
    >
      <FilterBar filter={filter} options={await filterOptions(reader)} locale={locale} action="/audit/dashboard" />
      {problem && (
        <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="filter-problem">
          {t.badFilter} {problem}
        </p>
      )}
      {figures && (
        <>
          <DashboardSummary figures={figures} labels={labels} locale={locale} />
          {figures.totals.turns === 0 ? <p className="text-sm text-slate-500">{t.dashboard.none}</p> : <DashboardCharts figures={figures} locale={locale} />}
        </>
      )}
    </ConsolePage>
  );
}
