"use client";

import { useRef, useState } from "react";
import { ErrorAlert } from "@/components/admin/people/alert";
import { postForm } from "@/components/admin/people/api";
import type { ImportPlan, ImportResult, ImportRow } from "@/lib/auth/people/csv-import";

const ACTION_LABEL: Record<ImportRow["action"], string> = { create: "add", update: "change", unchanged: "no change", error: "error" };
const ACTION_STYLE: Record<ImportRow["action"], string> = {
  create: "text-emerald-700",
  update: "text-indigo-700",
  unchanged: "text-slate-500",
  error: "text-red-700",
};

/**
 * Import people and group memberships from a CSV file: choose the file, read the preview of every
 * change (and every row that cannot be imported, with why), then apply exactly what was previewed.
 */
export function ImportPanel({ onApplied }: { onApplied(): void }) {
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [plan, setPlan] = useState<ImportPlan | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  function reset() {
    setFile(null);
    setPlan(null);
    setError(null);
    if (input.current) input.current.value = "";
  }

  async function send(mode: "preview" | "apply") {
    if (!file) return setError("Choose a CSV file first.");
    const form = new FormData();
    form.set("file", file);
    form.set("mode", mode);
    if (mode === "apply" && plan) form.set("fingerprint", plan.fingerprint);
    setBusy(true);
    if (mode === "preview") {
      const answer = await postForm<{ plan: ImportPlan }>("/api/admin/people/import", form);
      setBusy(false);
      setError(answer.ok ? null : answer.message);
      setResult(null);
      if (answer.ok) setPlan(answer.data.plan);
      return;
    }
    const answer = await postForm<ImportResult>("/api/admin/people/import", form);
    setBusy(false);
    if (!answer.ok) return setError(answer.message);
    setResult(answer.data);
    reset();
    onApplied();
  }

  if (!open) {
    return (
      <button type="button" className="rounded-md border border-slate-300 px-3 py-2 text-sm font-medium hover:bg-slate-50" onClick={() => setOpen(true)}>
        Import from CSV
      </button>
    );
  }
  const changes = plan ? plan.summary.create + plan.summary.update : 0;
  return (
    <section aria-label="Import from CSV" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm">
      <div className="flex items-start justify-between gap-4">
        <p className="text-slate-600">
          A CSV file with a header line: <code>email</code> (required), <code>name</code>, <code>role</code> (employee, admin or auditor) and{" "}
          <code>groups</code> (separated by <code>;</code> or <code>|</code>). People the file names are added or updated, and are put in exactly the groups
          listed when there is a groups column; nobody else is touched. UTF-8 or EUC-KR. You see every change before anything is changed.
        </p>
        <button
          type="button"
          className="shrink-0 rounded px-2 py-1 hover:bg-slate-100"
          onClick={() => {
            reset();
            setResult(null);
            setOpen(false);
          }}
        >
          Close
        </button>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <input
          ref={input}
          type="file"
          accept=".csv,text/csv"
          aria-label="CSV file"
          onChange={(event) => {
            setFile(event.target.files?.[0] ?? null);
            setPlan(null);
          }}
        />
        <button
          type="button"
          disabled={!file || busy}
          className="rounded-md bg-indigo-600 px-3 py-1.5 font-medium text-white hover:bg-indigo-700 disabled:opacity-50"
          onClick={() => void send("preview")}
        >
          Preview
        </button>
      </div>
      <ErrorAlert message={error} />
      {plan && <ImportPreview plan={plan} />}
      {plan && (
        <div className="flex flex-wrap items-center gap-2">
          <button
            type="button"
            disabled={busy || changes === 0}
            className="rounded-md bg-indigo-600 px-3 py-1.5 font-medium text-white hover:bg-indigo-700 disabled:opacity-50"
            onClick={() => void send("apply")}
          >
            Apply {changes} {changes === 1 ? "change" : "changes"}
            {plan.summary.errors > 0 ? ` (skip ${plan.summary.errors} ${plan.summary.errors === 1 ? "row" : "rows"} with errors)` : ""}
          </button>
          <button type="button" className="rounded px-2 py-1.5 hover:bg-slate-100" onClick={reset}>
            Cancel
          </button>
        </div>
      )}
      {result && <ImportDone result={result} />}
    </section>
  );
}

function ImportPreview({ plan }: { plan: ImportPlan }) {
  const { summary } = plan;
  return (
    <div className="space-y-2" data-testid="import-preview">
      <p role="status">
        {summary.create} to add, {summary.update} to change ({summary.roleChanges} role {summary.roleChanges === 1 ? "change" : "changes"},{" "}
        {summary.membershipsAdded} {summary.membershipsAdded === 1 ? "membership" : "memberships"} added, {summary.membershipsRemoved} removed),{" "}
        {summary.unchanged} unchanged, {summary.errors} with errors.
        {plan.groupsToCreate.length > 0 && ` New groups: ${plan.groupsToCreate.join(", ")}.`}
      </p>
      <div className="max-h-96 overflow-auto rounded border border-slate-200">
        <table className="w-full text-left text-xs">
          <thead className="sticky top-0 bg-slate-50">
            <tr>
              <th className="px-2 py-1">Line</th>
              <th className="px-2 py-1">E-mail</th>
              <th className="px-2 py-1">What happens</th>
              <th className="px-2 py-1">Details</th>
            </tr>
          </thead>
          <tbody>
            {plan.rows.map((row) => (
              <tr key={row.line} className="border-t border-slate-100" data-action={row.action}>
                <td className="px-2 py-1 tabular-nums">{row.line}</td>
                <td className="px-2 py-1">{row.email}</td>
                <td className={`px-2 py-1 font-medium ${ACTION_STYLE[row.action]}`}>{ACTION_LABEL[row.action]}</td>
                <td className="px-2 py-1">{row.error ?? describe(row)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function describe(row: ImportRow): string {
  const parts: string[] = [];
  if (row.name) parts.push(row.name.from === null ? `name ${row.name.to}` : `name ${row.name.from} → ${row.name.to}`);
  if (row.role) parts.push(row.role.from === null ? `role ${row.role.to}` : `role ${row.role.from} → ${row.role.to}`);
  if (row.groupsAdded.length) parts.push(`joins ${row.groupsAdded.join(", ")}`);
  if (row.groupsRemoved.length) parts.push(`leaves ${row.groupsRemoved.join(", ")}`);
  return parts.join("; ");
}

/** After applying: what was done, and the one-time links of the people added (shown only now). */
function ImportDone({ result }: { result: ImportResult }) {
  const { summary } = result.plan;
  const links = result.welcomeLinks.map((link) => `${link.email}\t${window.location.origin}${link.welcomePath}`).join("\n");
  return (
    <div role="status" className="space-y-2 rounded-lg border border-emerald-200 bg-emerald-50 p-3 text-emerald-900" data-testid="import-done">
      <p>
        Imported: {summary.create} added, {summary.update} changed{summary.errors ? `, ${summary.errors} rows with errors skipped` : ""}. Every change is in the
        admin activity log.
      </p>
      {result.welcomeLinks.length > 0 && (
        <label className="block">
          One-time links for the people added (each works once, for seven days, and is shown only now; send each to its person):
          <textarea
            readOnly
            value={links}
            rows={Math.min(8, result.welcomeLinks.length)}
            className="mt-1 block w-full rounded border border-emerald-300 bg-white p-1 font-mono text-xs"
            onFocus={(e) => e.target.select()}
          />
        </label>
      )}
    </div>
  );
}
