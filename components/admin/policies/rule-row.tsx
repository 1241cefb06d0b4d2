"use client";

import type { ReactNode } from "react";
import { HitCount, type RuleHits } from "@/components/admin/policies/hit-count";
import { Switch } from "@/components/admin/policies/switch";
import type { GuardRule } from "@/lib/guardrails/policy";

export type ActionOption<Action extends string> = { value: Action; label: string };

type Props<Rule extends GuardRule> = {
  title: string;
  titleKo?: string | null;
  description: string;
  rule: Rule;
  actions: readonly ActionOption<Rule["action"]>[];
  hits: RuleHits | undefined;
  onChange: (rule: Rule) => void;
  children?: ReactNode;
};

/** One rule: on/off, what happens when it finds something, and whether it is on trial (shadow mode). */
export function RuleRow<Rule extends GuardRule>({ title, titleKo, description, rule, actions, hits, onChange, children }: Props<Rule>) {
  return (
    <div className="grid grid-cols-[auto_minmax(0,1fr)_11rem_5.5rem] items-start gap-x-4 gap-y-2 px-5 py-4" data-testid="rule-row" data-rule={title}>
      <div className="pt-0.5">
        <Switch label={`${title}: on`} checked={rule.enabled} onChange={(enabled) => onChange({ ...rule, enabled })} />
      </div>
      <div className={rule.enabled ? "" : "opacity-50"}>
        <p className="text-sm font-medium text-slate-900">
          {title}
          {titleKo && <span className="ml-2 font-normal text-slate-500">{titleKo}</span>}
        </p>
        <p className="mt-0.5 text-xs leading-relaxed text-slate-500">{description}</p>
        <div className="mt-1.5">
          <HitCount hits={hits} />
        </div>
      </div>
      <select
        aria-label={`Action for ${title}`}
        value={rule.action}
        disabled={!rule.enabled}
        onChange={(event) => onChange({ ...rule, action: event.target.value as Rule["action"] })}
        className="w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500 disabled:bg-slate-50 disabled:text-slate-400"
      >
        {actions.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <label className={`flex items-center gap-2 pt-1 text-xs ${rule.enabled ? "text-slate-600" : "text-slate-400"}`}>
        <Switch
          label={`Trial (shadow) for ${title}`}
          checked={rule.shadow}
          disabled={!rule.enabled}
          tone="amber"
          onChange={(shadow) => onChange({ ...rule, shadow })}
        />
        Trial
      </label>
      {children && <div className="col-start-2 col-end-5">{children}</div>}
    </div>
  );
}
