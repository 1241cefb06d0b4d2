import Link from "next/link";
import { ChainStatus } from "@/components/audit/chain-status";
import { CONSOLE_MESSAGES } from "@/components/audit/console-messages";
import { ConsolePage } from "@/components/audit/console-page";
import { FilterBar } from "@/components/audit/filter-bar";
import { auditLocale } from "@/components/audit/locale";
import { AUDIT_MESSAGES } from "@/components/audit/messages";
import { RecordTable } from "@/components/audit/record-table";
import { verifyRecentRecords } from "@/lib/audit/checkpoints";
import { consoleFilterQuery, isFiltered, parseConsoleFilter, parseCursor, urlSearchParams, type ConsoleFilter } from "@/lib/audit/console-filter";
import { filterOptions } from "@/lib/audit/filter-options";
import { findDecisionRecords } from "@/lib/audit/queries";
import { canReadAudit } from "@/lib/audit/readers";
import { firstBrokenSeq } from "@/lib/audit/verify";
import { pageUser } from "@/lib/auth/page-access";
import { LoreError } from "@/lib/errors";

export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The audit console: the decision log filtered and searched, newest first, a page at a time. */
export default async function AuditPage({ searchParams }: Props) {
  const auditor = await pageUser();
  if (!canReadAudit(auditor.role)) return null; // the layout shows why
  const locale = await auditLocale();
  const t = CONSOLE_MESSAGES[locale];
  const params = urlSearchParams(await searchParams);
  let filter: ConsoleFilter = {};
  let before: number | undefined;
  let problem: string | null = null;
  try {
    filter = parseConsoleFilter(params);
    before = parseCursor(params.get("before"));
  } catch (error) {
    if (!(error instanceof LoreError)) throw error;
    problem = error.message;
  }
  const query = consoleFilterQuery(filter);
  const [page, chain, options] = [
    problem ? { records: [], nextBefore: null } : await findDecisionRecords(auditor, filter, { before }),
    await verifyRecentRecords(auditor.tenantId),
    await filterOptions(auditor),
  ];
  const pageLink = (cursor?: number) =>
    `/audit?${new URLSearchParams([...new URLSearchParams(query), ...(cursor ? [["before", String(cursor)]] : [])]).toString()}`;
  return (
    <ConsolePage
      locale={locale}
      tab="records"
      query={query}
      title={AUDIT_MESSAGES[locale].title}
      intro={AUDIT_MESSAGES[locale].intro}
      aside={<ChainStatus chain={chain} since={chain.since} locale={locale} />}
    >
      <FilterBar filter={filter} options={options} locale={locale} action="/audit" />
      {!problem && (
        <p className="flex flex-wrap gap-3 text-sm" data-testid="export-links">
          <span className="text-slate-500">{t.export}</span>
          {(["csv", "jsonl"] as const).map((format) => (
            <a
              key={format}
              href={`/api/audit/export?${new URLSearchParams([["format", format], ...new URLSearchParams(query)])}`}
              download
              className="text-indigo-700 hover:underline"
            >
              {format.toUpperCase()}
            </a>
          ))}
          {chain.ok && <span className="text-slate-400">{t.exportHint}</span>}
        </p>
      )}
      {!problem && !chain.ok && (
        <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="export-unverified">
          {t.exportUnverified(firstBrokenSeq(chain))}
        </p>
      )}
      {problem && (
        <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="filter-problem">
          {t.badFilter} {problem}
        </p>
      )}
      {page.records.length === 0 ? (
        <p className="text-sm text-slate-500">{isFiltered(filter) || before ? t.none : t.noneYet}</p>
      ) : (
        <>
          <p className="text-sm text-slate-500" data-testid="page-summary">
            {t.showing(page.records.length, isFiltered(filter))}
          </p>
          <RecordTable records={page.records} locale={locale} query={query} />
        </>
      )}
      <div className="flex justify-between text-sm">
        {before ? (
          <Link href={pageLink()} className="text-indigo-700 hover:underline">
            {t.newest}
          </Link>
        ) : (
          <span />
        )}
        {page.nextBefore !== null && (
          <Link href={pageLink(page.nextBefore)} rel="next" className="text-indigo-700 hover:underline" data-testid="older">
            {t.older}
          </Link>
        )}
      </div>
    </ConsolePage>
  );
}
