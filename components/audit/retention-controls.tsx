"use client";

import { useState } from "react";
import { CONSOLE_MESSAGES } from "@/components/audit/console-messages";
import type { AuditLocale } from "@/components/audit/messages";
import { useAuditRequest } from "@/components/audit/use-audit-request";

const input = "rounded-md border border-slate-300 px-2 py-1 text-sm";

/** An admin's controls: the workspace's retention in days (PUT /api/audit/retention) and a purge now (POST /api/audit/retention/purge). */
export function RetentionControls({ locale, days }: { locale: AuditLocale; days: number }) {
  const t = CONSOLE_MESSAGES[locale].retention;
  const { send, problem, pending } = useAuditRequest();
  const [value, setValue] = useState(String(days));
  const [outcome, setOutcome] = useState<string | null>(null);

  async function purge() {
    setOutcome(null);
    const answer = (await send("POST", "/api/audit/retention/purge")) as { purge: { records: number; throughSeq: number | null } } | null;
    if (answer) setOutcome(t.purged(answer.purge.records, answer.purge.throughSeq));
  }

  return (
    <div className="mt-3 space-y-2 text-sm" data-testid="retention-controls">
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          void send("PUT", "/api/audit/retention", { days: Number(value) });
        }}
      >
        <label className="text-slate-600">
          {t.days} <input type="number" min={1} max={36500} required value={value} onChange={(e) => setValue(e.target.value)} className={`${input} w-28`} />
        </label>
        <button type="submit" disabled={pending} className="rounded-md border border-slate-300 px-3 py-1 hover:bg-slate-50">
          {t.save}
        </button>
        <button
          type="button"
          disabled={pending}
          onClick={() => void purge()}
          className="rounded-md bg-red-700 px-3 py-1 font-medium text-white hover:bg-red-800"
        >
          {t.purgeNow}
        </button>
      </form>
      {outcome && (
        <p role="status" className="text-emerald-800">
          {outcome}
        </p>
      )}
      {problem && (
        <p role="alert" className="text-red-700">
          {problem}
        </p>
      )}
    </div>
  );
}
