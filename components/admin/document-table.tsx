import type { listDocuments } from "@/lib/ingest/documents";

type DocumentRow = Awaited<ReturnType<typeof listDocuments>>[number];

const STATUS_STYLE: Record<DocumentRow["status"], string> = {
  queued: "bg-slate-100 text-slate-700",
  indexing: "bg-sky-100 text-sky-800",
  ready: "bg-emerald-100 text-emerald-800",
  failed: "bg-red-100 text-red-800",
};

export function DocumentTable({ documents }: { documents: DocumentRow[] }) {
  if (documents.length === 0) return <p className="text-sm text-slate-500">No documents yet.</p>;
  return (
    <table className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm" data-testid="documents">
      <thead className="bg-slate-50 text-left text-slate-500">
        <tr>
          <th className="px-3 py-2 font-medium">Title</th>
          <th className="px-3 py-2 font-medium">Readers</th>
          <th className="px-3 py-2 font-medium">Status</th>
          <th className="px-3 py-2 text-right font-medium">Passages</th>
          <th className="px-3 py-2 font-medium">Added</th>
        </tr>
      </thead>
      <tbody>
        {documents.map((d) => (
          <tr key={d.id} className="border-t border-slate-100">
            <td className="px-3 py-2">
              <div className="font-medium">{d.title}</div>
              <div className="text-xs text-slate-400">{d.fileName}</div>
            </td>
            <td className="px-3 py-2">{d.readers.everyone ? "Everyone in the workspace" : d.readers.names.join(", ")}</td>
            <td className="px-3 py-2">
              <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${STATUS_STYLE[d.status]}`}>{d.status}</span>
              {d.error && <div className="mt-1 text-xs text-red-700">{d.error}</div>}
            </td>
            <td className="px-3 py-2 text-right tabular-nums">{d.chunkCount}</td>
            <td className="px-3 py-2 text-slate-500">{new Date(d.createdAt).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} UTC</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
