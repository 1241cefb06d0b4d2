import Link from "next/link";
import { OutcomeBadge } from "@/components/audit/outcome-badge";
import type { listDecisionRecords } from "@/lib/audit/queries";

type Row = Awaited<ReturnType<typeof listDecisionRecords>>[number];

export function RecordTable({ records }: { records: Row[] }) {
  if (records.length === 0) return <p className="text-sm text-slate-500">No decisions recorded yet.</p>;
  return (
    <table className="w-full rounded-lg border border-slate-200 bg-white text-sm" data-testid="decision-records">
      <thead className="bg-slate-50 text-left text-slate-500">
        <tr>
          <th className="px-3 py-2 font-medium">#</th>
          <th className="px-3 py-2 font-medium">When (UTC)</th>
          <th className="px-3 py-2 font-medium">Who</th>
          <th className="px-3 py-2 font-medium">Question</th>
          <th className="px-3 py-2 font-medium">Outcome</th>
          <th className="px-3 py-2 text-right font-medium">Used</th>
          <th className="px-3 py-2 text-right font-medium">Withheld</th>
          <th className="px-3 py-2 font-medium">Feedback</th>
        </tr>
      </thead>
      <tbody>
        {records.map((r) => (
          <tr key={r.id} className="border-t border-slate-100 align-top" data-testid="decision-row">
            <td className="px-3 py-2 tabular-nums text-slate-400">{r.seq}</td>
            <td className="whitespace-nowrap px-3 py-2">{r.createdAt.toISOString().replace("T", " ").slice(0, 19)}</td>
            <td className="px-3 py-2">{r.userEmail}</td>
            <td className="max-w-md px-3 py-2">
              <Link href={`/audit/${r.id}`} className="text-indigo-700 hover:underline">
                {r.question.length > 120 ? `${r.question.slice(0, 117)}…` : r.question}
              </Link>
            </td>
            <td className="px-3 py-2">
              <OutcomeBadge outcome={r.outcome} />
            </td>
            <td className="px-3 py-2 text-right tabular-nums">{Array.isArray(r.retrieved) ? r.retrieved.length : 0}</td>
            <td className="px-3 py-2 text-right tabular-nums">{r.withheldCount}</td>
            <td className="px-3 py-2">{r.feedback.map((f) => (f.rating === "up" ? "▲ helpful" : "▼ not helpful")).join(" ")}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
