import { notFound } from "next/navigation";
import { z } from "zod";
import { auditLocale } from "@/components/audit/locale";
import { RecordDetail } from "@/components/audit/record-detail";
import { consoleFilterQuery, parseConsoleFilter, urlSearchParams, type ConsoleFilter } from "@/lib/audit/console-filter";
import { viewDecisionRecord } from "@/lib/audit/queries";
import { canReadAudit } from "@/lib/audit/readers";
import { pageUser } from "@/lib/auth/page-access";
import { LoreError } from "@/lib/errors";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** One decision record. Opening it is written to the audit events, with the console filter it was opened from. */
export default async function DecisionPage({ params, searchParams }: Props) {
  const { id } = await params;
  const reader = await pageUser();
  if (!canReadAudit(reader.role)) return null; // the layout shows why
  let from: ConsoleFilter = {};
  try {
    from = parseConsoleFilter(urlSearchParams(await searchParams));
  } catch (error) {
    if (!(error instanceof LoreError)) throw error; // a mangled filter in the link does not hide the record
  }
  const record = z.uuid().safeParse(id).success ? await viewDecisionRecord(reader, id, from) : null;
  if (!record) notFound();
  return <RecordDetail record={record} locale={await auditLocale()} backQuery={consoleFilterQuery(from)} />;
}
