"use client";

import { useEffect, useState } from "react";
import { ErrorAlert } from "@/components/admin/people/alert";
import { call } from "@/components/admin/people/api";
import { ACTIVITY_ACTIONS, type ActivityRow } from "@/lib/auth/people/activity-actions";

type Page = { entries: ActivityRow[]; next: string | null };
type Filter = { action: string; actor: string; target: string; from: string; to: string };

const FILTER_DELAY_MS = 250;

/** The admin activity log with its filters, newest first, a page at a time. */
export function ActivityLog({ initial }: { initial: Page }) {
  const [filter, setFilter] = useState<Filter>({ action: "", actor: "", target: "", from: "", to: "" });
  const [page, setPage] = useState(initial);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const timer = setTimeout(async () => {
      const answer = await call<Page>("GET", activityQuery(filter));
      if (answer.ok) setPage(answer.data);
      setError(answer.ok ? null : answer.message);
    }, FILTER_DELAY_MS);
    return () => clearTimeout(timer);
  }, [filter]);

  async function more() {
    if (!page.next) return;
    const answer = await call<Page>("GET", activityQuery(filter, page.next));
    if (answer.ok) setPage({ entries: [...page.entries, ...answer.data.entries], next: answer.data.next });
    else setError(answer.message);
  }

  const field = (name: keyof Filter, label: string, type = "text") => (
    <label className="block font-medium">
      {label}
      <input
        type={type}
        value={filter[name]}
        onChange={(e) => setFilter({ ...filter, [name]: e.target.value })}
        className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5 font-normal"
      />
    </label>
  );

  return (
    <div className="space-y-4">
      <search className="grid gap-3 text-sm md:grid-cols-5">
        <label className="block font-medium">
          Action
          <select
            value={filter.action}
            onChange={(e) => setFilter({ ...filter, action: e.target.value })}
            className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5 font-normal"
          >
            <option value="">any</option>
            {ACTIVITY_ACTIONS.map((action) => (
              <option key={action}>{action}</option>
            ))}
          </select>
        </label>
        {field("actor", "Who")}
        {field("target", "Person or group")}
        {field("from", "From", "datetime-local")}
        {field("to", "To", "datetime-local")}
      </search>
      <ErrorAlert message={error} />
      {page.entries.length === 0 ? (
        <p className="text-sm text-slate-500">No activity matches.</p>
      ) : (
        <table className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm" data-testid="activity">
          <thead className="bg-slate-50 text-left text-slate-500">
            <tr>
              <th className="px-3 py-2 font-medium">When</th>
              <th className="px-3 py-2 font-medium">Who</th>
              <th className="px-3 py-2 font-medium">Action</th>
              <th className="px-3 py-2 font-medium">On</th>
              <th className="px-3 py-2 font-medium">Before</th>
              <th className="px-3 py-2 font-medium">After</th>
            </tr>
          </thead>
          <tbody>
            {page.entries.map((entry) => (
              <tr key={entry.id} className="border-t border-slate-100 align-top" data-testid="activity-entry">
                <td className="px-3 py-2 whitespace-nowrap text-slate-500">{new Date(entry.createdAt).toLocaleString()}</td>
                <td className="px-3 py-2">{entry.actorLabel}</td>
                <td className="px-3 py-2 font-mono text-xs">{entry.action}</td>
                <td className="px-3 py-2">{entry.targetLabel}</td>
                <td className="px-3 py-2">
                  <Change value={entry.before} />
                </td>
                <td className="px-3 py-2">
                  <Change value={entry.after} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {page.next && (
        <button type="button" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100" onClick={() => void more()}>
          Older entries
        </button>
      )}
    </div>
  );
}

function activityQuery(filter: Filter, after?: string): string {
  // The datetime fields are in the reader's local time; the server wants instants.
  const params = new URLSearchParams({
    ...filter,
    from: filter.from && new Date(filter.from).toISOString(),
    to: filter.to && new Date(filter.to).toISOString(),
  });
  if (after) params.set("after", after);
  return `/api/admin/activity?${params}`;
}

function Change({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span className="text-slate-300">—</span>;
  if (typeof value !== "object" || Array.isArray(value)) return <span>{JSON.stringify(value)}</span>;
  return (
    <dl className="space-y-0.5 text-xs">
      {Object.entries(value).map(([key, item]) => (
        <div key={key}>
          <dt className="inline text-slate-500">{key}: </dt>
          <dd className="inline">{Array.isArray(item) ? item.join(", ") || "none" : String(item)}</dd>
        </div>
      ))}
    </dl>
  );
}
