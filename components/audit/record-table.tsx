import Link from "next/link";
import { CONSOLE_MESSAGES, utc } from "@/components/audit/console-messages";
import { AUDIT_MESSAGES, type AuditLocale } from "@/components/audit/messages";
import { OutcomeBadge } from "@/components/audit/outcome-badge";
import type { findDecisionRecords } from "@/lib/audit/queries";

type Row = Awaited<ReturnType<typeof findDecisionRecords>>["records"][number];

/** A page of records. Each links to its page, carrying the filter along (the view is logged with it). */
export function RecordTable({ records, locale, query }: { records: Row[]; locale: AuditLocale; query: string }) {
  const t = CONSOLE_MESSAGES[locale];
  const record = AUDIT_MESSAGES[locale];
  return (
    <div className="overflow-x-auto">
      <table className="w-full rounded-lg border border-slate-200 bg-white text-sm" data-testid="decision-records">
        <thead className="bg-slate-50 text-left text-slate-500">
          <tr>
            <th className="px-3 py-2 font-medium">{t.columns.seq}</th>
            <th className="px-3 py-2 font-medium">{t.columns.when}</th>
            <th className="px-3 py-2 font-medium">{t.columns.who}</th>
            <th className="px-3 py-2 font-medium">{t.columns.question}</th>
            <th className="px-3 py-2 font-medium">{t.columns.outcome}</th>
            <th className="px-3 py-2 text-right font-medium">{t.columns.used}</th>
            <th className="px-3 py-2 text-right font-medium">{t.columns.withheld}</th>
            <th className="px-3 py-2 font-medium">{t.columns.feedback}</th>
          </tr>
        </thead>
        <tbody>
          {records.map((r) => (
            <tr key={r.id} className="border-t border-slate-100 align-top" data-testid="decision-row">
              <td className="px-3 py-2 tabular-nums text-slate-400">{r.seq}</td>
              <td className="whitespace-nowrap px-3 py-2">{utc(r.createdAt)}</td>
              <td className="px-3 py-2">{r.userEmail}</td>
              <td className="max-w-md px-3 py-2">
                <Link href={`/audit/${r.id}${query ? `?${query}` : ""}`} className="text-indigo-700 hover:underline">
                  {r.question.length > 120 ? `${r.question.slice(0, 117)}…` : r.question || "—"}
                </Link>
              </td>
              <td className="px-3 py-2">
                <OutcomeBadge outcome={r.outcome} label={record.outcome[r.outcome]} />
              </td>
              <td className="px-3 py-2 text-right tabular-nums">{Array.isArray(r.retrieved) ? r.retrieved.length : 0}</td>
              <td className="px-3 py-2 text-right tabular-nums">{r.withheldCount}</td>
              <td className="px-3 py-2">{r.feedback.map((f) => record.rating(f.rating === "up")).join(" ")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
