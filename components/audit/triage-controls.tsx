"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { CONSOLE_MESSAGES } from "@/components/audit/console-messages";
import type { AuditLocale } from "@/components/audit/messages";

type Props = {
  feedbackId: string;
  locale: AuditLocale;
  labels: readonly string[];
  triagers: string[];
  current: { label: string | null; assignee: string | null; status: "open" | "resolved" };
};

/** Label, assign, resolve with a note or reopen one piece of feedback (PATCH /api/audit/feedback/[id]), then show the queue again. */
export function TriageControls({ feedbackId, locale, labels, triagers, current }: Props) {
  const t = CONSOLE_MESSAGES[locale].triage;
  const router = useRouter();
  const [label, setLabel] = useState(current.label ?? "");
  const [assignee, setAssignee] = useState(current.assignee ?? "");
  const [note, setNote] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [pending, startRefresh] = useTransition();

  async function send(change: Record<string, unknown>) {
    setProblem(null);
    const response = await fetch(`/api/audit/feedback/${feedbackId}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(change),
    });
    if (!response.ok) {
      setProblem(((await response.json().catch(() => ({}))) as { message?: string }).message ?? `HTTP ${response.status}`);
      return;
    }
    setNote("");
    startRefresh(() => router.refresh());
  }

  const input = "rounded-md border border-slate-300 px-2 py-1 text-sm";
  return (
    <div className="mt-3 space-y-2" data-testid="triage-controls">
      <div className="flex flex-wrap items-end gap-2 text-sm">
        <label className="text-slate-600">
          {t.label}{" "}
          <select value={label} onChange={(e) => setLabel(e.target.value)} className={input}>
            <option value="">{t.labels.unlabelled}</option>
            {labels.map((l) => (
              <option key={l} value={l}>
                {t.labels[l] ?? l}
              </option>
            ))}
          </select>
        </label>
        <label className="text-slate-600">
          {t.assignee}{" "}
          <select value={assignee} onChange={(e) => setAssignee(e.target.value)} className={input}>
            <option value="">{t.assignees.nobody}</option>
            {triagers.map((email) => (
              <option key={email} value={email}>
                {email}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          disabled={pending}
          onClick={() => send({ label: label || null, assignee: assignee || null })}
          className="rounded-md border border-slate-300 px-3 py-1 hover:bg-slate-50"
        >
          {t.save}
        </button>
      </div>
      {current.status === "open" ? (
        <div className="flex flex-wrap items-end gap-2 text-sm">
          <label className="flex-1 text-slate-600">
            {t.note}
            <input value={note} onChange={(e) => setNote(e.target.value)} className={`${input} mt-1 block w-full`} />
          </label>
          <button
            type="button"
            disabled={pending}
            onClick={() => send({ resolve: { note } })}
            className="rounded-md bg-indigo-600 px-3 py-1 font-medium text-white hover:bg-indigo-700"
          >
            {t.resolve}
          </button>
        </div>
      ) : (
        <button
          type="button"
          disabled={pending}
          onClick={() => send({ reopen: true })}
          className="rounded-md border border-slate-300 px-3 py-1 text-sm hover:bg-slate-50"
        >
          {t.reopen}
        </button>
      )}
      {problem && (
        <p role="alert" className="text-sm text-red-700">
          {problem}
        </p>
      )}
    </div>
  );
}
