import Link from "next/link";
import type { ReactNode } from "react";
import { CONSOLE_MESSAGES } from "@/components/audit/console-messages";
import { AUDIT_MESSAGES, type AuditLocale } from "@/components/audit/messages";
import type { ConsoleFilter } from "@/lib/audit/console-filter";
import type { FilterOptions } from "@/lib/audit/filter-options";
import { Outcome } from "@/lib/generated/prisma/enums";

/**
 * The console's filter: a plain GET form, so the filter is the page's URL (bookmarkable, shareable,
 * what the export and the access log are given) and works without script. `action` is the page it
 * filters (the records or the dashboard).
 */
export function FilterBar({ filter, options, locale, action }: { filter: ConsoleFilter; options: FilterOptions; locale: AuditLocale; action: string }) {
  const t = CONSOLE_MESSAGES[locale].filters;
  const outcomes = AUDIT_MESSAGES[locale].outcome;
  const actions = CONSOLE_MESSAGES[locale].actions;
  return (
    <form method="get" action={action} className="rounded-lg border border-slate-200 bg-white p-4" aria-label={t.legend} data-testid="audit-filter">
      <div className="grid grid-cols-2 gap-3 text-sm md:grid-cols-4 lg:grid-cols-6">
        <Field label={t.q} wide>
          <input type="search" name="q" defaultValue={filter.q} title={t.qHint} className={INPUT} />
        </Field>
        <Field label={t.from}>
          <input type="date" name="from" defaultValue={filter.from} className={INPUT} />
        </Field>
        <Field label={t.to}>
          <input type="date" name="to" defaultValue={filter.to} className={INPUT} />
        </Field>
        <Field label={t.outcome}>
          <select name="outcome" defaultValue={filter.outcome ?? ""} className={INPUT}>
            <option value="">{t.any}</option>
            {Object.values(Outcome).map((o) => (
              <option key={o} value={o}>
                {outcomes[o]}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t.user}>
          <input name="user" list="audit-people" defaultValue={filter.user} autoComplete="off" className={INPUT} />
          <datalist id="audit-people">
            {options.people.map((email) => (
              <option key={email} value={email} />
            ))}
          </datalist>
        </Field>
        <Field label={t.group}>
          <select name="group" defaultValue={filter.group ?? ""} className={INPUT}>
            <option value="">{t.any}</option>
            {options.groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t.rule}>
          <input name="rule" list="audit-rules" defaultValue={filter.rule} autoComplete="off" className={INPUT} />
          <datalist id="audit-rules">
            {options.rules.map((rule) => (
              <option key={rule} value={rule} />
            ))}
          </datalist>
        </Field>
        <Field label={t.detector}>
          <input name="detector" list="audit-detectors" defaultValue={filter.detector} autoComplete="off" className={INPUT} />
          <datalist id="audit-detectors">
            {options.detectors.map((detector) => (
              <option key={detector} value={detector} />
            ))}
          </datalist>
        </Field>
        <Field label={t.action}>
          <select name="action" defaultValue={filter.action ?? ""} className={INPUT}>
            <option value="">{t.any}</option>
            {Object.entries(actions).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t.trial}>
          <select name="trial" defaultValue={filter.trial ?? ""} className={INPUT}>
            <option value="">{t.any}</option>
            <option value="yes">{t.trialYes}</option>
            <option value="no">{t.trialNo}</option>
          </select>
        </Field>
        <Field label={t.policy}>
          <input name="policy" defaultValue={filter.policy} placeholder={t.policyHint} className={INPUT} />
        </Field>
        <Field label={t.model}>
          <input name="model" list="audit-models" defaultValue={filter.model} autoComplete="off" className={INPUT} />
          <datalist id="audit-models">
            {options.models.map((model) => (
              <option key={model} value={model} />
            ))}
          </datalist>
        </Field>
        <Field label={t.feedback}>
          <select name="feedback" defaultValue={filter.feedback ?? ""} className={INPUT}>
            <option value="">{t.any}</option>
            {(["down", "up", "any", "none"] as const).map((value) => (
              <option key={value} value={value}>
                {t.feedbackValue[value]}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <div className="mt-3 flex gap-3">
        <button type="submit" className="rounded-md bg-indigo-600 px-4 py-1.5 text-sm font-medium text-white hover:bg-indigo-700">
          {t.apply}
        </button>
        <Link href={action} className="rounded-md border border-slate-300 px-4 py-1.5 text-sm text-slate-700 hover:bg-slate-50">
          {t.clear}
        </Link>
      </div>
    </form>
  );
}

const INPUT = "mt-1 w-full rounded-md border border-slate-300 px-2 py-1";

function Field({ label, wide, children }: { label: string; wide?: boolean; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is the child passed in, which the label wraps
    <label className={`block text-slate-600 ${wide ? "col-span-2" : ""}`}>
      {label}
      {children}
    </label>
  );
}
