"use client";

import { useState } from "react";
import { CONSOLE_MESSAGES } from "@/components/audit/console-messages";
import type { AuditLocale } from "@/components/audit/messages";
import { useAuditRequest } from "@/components/audit/use-audit-request";

const input = "rounded-md border border-slate-300 px-2 py-1 text-sm";
type Scope = "tenant" | "user" | "dates";

/** Places a legal hold (POST /api/audit/holds): on the workspace, one person, or a range of days, always with a reason. */
export function PlaceHoldForm({ locale }: { locale: AuditLocale }) {
  const t = CONSOLE_MESSAGES[locale].retention;
  const { send, problem, pending } = useAuditRequest();
  const [scope, setScope] = useState<Scope>("tenant");
  const [email, setEmail] = useState("");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [reason, setReason] = useState("");

  async function place() {
    const target = scope === "user" ? { email } : scope === "dates" ? { from, to } : {};
    if (await send("POST", "/api/audit/holds", { scope, ...target, reason })) setReason("");
  }

  return (
    <form
      className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm"
      data-testid="place-hold"
      onSubmit={(event) => {
        event.preventDefault();
        void place();
      }}
    >
      <h3 className="font-semibold">{t.placeTitle}</h3>
      <div className="flex flex-wrap items-end gap-2">
        <label className="text-slate-600">
          {t.scope}{" "}
          <select value={scope} onChange={(e) => setScope(e.target.value as Scope)} className={input}>
            {(["tenant", "user", "dates"] as const).map((s) => (
              <option key={s} value={s}>
                {t.scopes[s]}
              </option>
            ))}
          </select>
        </label>
        {scope === "user" && (
          <label className="text-slate-600">
            {t.email} <input type="email" required value={email} onChange={(e) => setEmail(e.target.value)} className={input} />
          </label>
        )}
        {scope === "dates" && (
          <>
            <label className="text-slate-600">
              {t.from} <input type="date" required value={from} onChange={(e) => setFrom(e.target.value)} className={input} />
            </label>
            <label className="text-slate-600">
              {t.to} <input type="date" required value={to} onChange={(e) => setTo(e.target.value)} className={input} />
            </label>
          </>
        )}
      </div>
      <label className="block text-slate-600">
        {t.reason}
        <input required maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} className={`${input} mt-1 block w-full`} />
      </label>
      <button type="submit" disabled={pending} className="rounded-md bg-indigo-600 px-4 py-1.5 font-medium text-white hover:bg-indigo-700">
        {t.place}
      </button>
      {problem && (
        <p role="alert" className="text-red-700">
          {problem}
        </p>
      )}
    </form>
  );
}

/** Releases one active hold (POST /api/audit/holds/[id]/release). */
export function ReleaseHoldButton({ locale, holdId }: { locale: AuditLocale; holdId: string }) {
  const { send, problem, pending } = useAuditRequest();
  return (
    <span>
      <button
        type="button"
        disabled={pending}
        onClick={() => void send("POST", `/api/audit/holds/${holdId}/release`)}
        className="rounded-md border border-slate-300 px-3 py-1 text-sm hover:bg-slate-50"
      >
        {CONSOLE_MESSAGES[locale].retention.release}
      </button>
      {problem && (
        <span role="alert" className="ml-2 text-red-700">
          {problem}
        </span>
      )}
    </span>
  );
}
