"use client";

import type { ReactNode } from "react";
import type { PolicyCatalog } from "@/components/admin/policies/catalog";
import type { Draft, LimitName } from "@/components/admin/policies/draft";
import type { RuleHits } from "@/components/admin/policies/hit-count";
import { LIMIT_LABELS } from "@/components/admin/policies/labels";
import { RuleRow } from "@/components/admin/policies/rule-row";
import { PII_DETECTORS, type PolicyRules } from "@/lib/guardrails/policy";
import type { GuardStage } from "@/lib/guardrails/verdicts";

const ALLOW = { value: "allow", label: "Allow (record only)" } as const;
const PII_ACTIONS = [ALLOW, { value: "redact", label: "Redact" }, { value: "mask", label: "Mask" }, { value: "block", label: "Refuse question" }] as const;
const QUESTION_ACTIONS = [ALLOW, { value: "block", label: "Refuse question" }] as const;
const DOCUMENT_ACTIONS = [ALLOW, { value: "withhold", label: "Withhold passage" }] as const;
const ANSWER_PII_ACTIONS = [
  ALLOW,
  { value: "redact", label: "Redact" },
  { value: "mask", label: "Mask" },
  { value: "block", label: "Withhold answer" },
] as const;
const ANSWER_ACTIONS = [ALLOW, { value: "flag", label: "Flag with a warning" }, { value: "block", label: "Withhold answer" }] as const;

type Props = {
  draft: Draft;
  onChange: (draft: Draft) => void;
  errors: Record<string, string>;
  catalog: PolicyCatalog;
  hitsOf: (stage: GuardStage, check?: string) => RuleHits | undefined;
};

/** The policy as forms, one section per part of a chat turn it governs. */
export function RuleSections({ draft, onChange, errors, catalog, hitsOf }: Props) {
  const rules = draft.rules;
  const update = (change: (rules: PolicyRules) => PolicyRules) => onChange({ ...draft, rules: change(rules) });

  return (
    <div className="space-y-6">
      <Section
        title="Personal data in questions"
        description="Checked before a question reaches search, the model or the audit log. Redact replaces the value with its type ([EMAIL]); mask keeps a recognisable remainder (j***@acme.com); refusing asks the person to remove it."
      >
        {PII_DETECTORS.map((name) => (
          <RuleRow
            key={name}
            title={catalog.pii[name].label}
            titleKo={catalog.pii[name].labelKo}
            description={catalog.pii[name].description}
            rule={rules.input.pii[name]}
            actions={PII_ACTIONS}
            hits={hitsOf("input", name)}
            onChange={(rule) => update((r) => ({ ...r, input: { ...r.input, pii: { ...r.input.pii, [name]: rule } } }))}
          />
        ))}
      </Section>

      <Section
        title="Prompt injection and abusive language in questions"
        description="Attempts to change the assistant's instructions, and insults or hate speech, in English and Korean."
      >
        <RuleRow
          title={catalog.promptInjection.label}
          titleKo={catalog.promptInjection.labelKo}
          description={catalog.promptInjection.description}
          rule={rules.input.promptInjection}
          actions={QUESTION_ACTIONS}
          hits={hitsOf("input", "prompt_injection")}
          onChange={(rule) => update((r) => ({ ...r, input: { ...r.input, promptInjection: rule } }))}
        />
        <RuleRow
          title={catalog.toxicity.label}
          titleKo={catalog.toxicity.labelKo}
          description={catalog.toxicity.description}
          rule={rules.input.toxicity}
          actions={QUESTION_ACTIONS}
          hits={hitsOf("input", "toxicity")}
          onChange={(rule) => update((r) => ({ ...r, input: { ...r.input, toxicity: rule } }))}
        />
      </Section>

      <Section
        title="Blocked topics"
        description="Questions about topics your organisation does not answer here. Korean terms also match with particles and endings attached (인수합병 matches 인수합병은); English terms match whole words and plurals."
      >
        <RuleRow
          title="Blocked topics"
          titleKo="금지 주제"
          description="Refuses questions that contain a blocked term, unless an allowed phrase covers it."
          rule={rules.topics}
          actions={QUESTION_ACTIONS}
          hits={hitsOf("topics", "topics")}
          onChange={(rule) => update((r) => ({ ...r, topics: { ...r.topics, enabled: rule.enabled, action: rule.action, shadow: rule.shadow } }))}
        >
          <div className="grid gap-4 md:grid-cols-2">
            <TermList
              label="Blocked terms"
              hint="One term or phrase per line, Korean or English."
              placeholder={"인수합병\nlayoffs\nsalary of"}
              value={draft.deny}
              error={errors["topics.deny"]}
              onChange={(deny) => onChange({ ...draft, deny })}
            />
            <TermList
              label="Allowed phrases"
              hint="Excuse a blocked term inside them, e.g. “kill the process” when “kill” is blocked."
              placeholder="kill the process"
              value={draft.allow}
              error={errors["topics.allow"]}
              onChange={(allow) => onChange({ ...draft, allow })}
            />
          </div>
        </RuleRow>
      </Section>

      <Section title="Retrieved documents" description="Each passage found for a question is checked before it can reach the model, an answer or a citation.">
        <RuleRow
          title={catalog.documentInjection.label}
          titleKo={catalog.documentInjection.labelKo}
          description={catalog.documentInjection.description}
          rule={rules.documents.injection}
          actions={DOCUMENT_ACTIONS}
          hits={hitsOf("documents", "document_injection")}
          onChange={(rule) => update((r) => ({ ...r, documents: { injection: rule } }))}
        />
      </Section>

      <Section
        title="Second opinion"
        description="A model-backed check for what the detectors above cannot settle: attacks they are unsure of, requests for harmful help, and person names."
      >
        <RuleRow
          title="Model-backed judge"
          titleKo="모델 기반 2차 검사"
          description={
            catalog.judgeConfigured
              ? "Questions and passages are classified by the judge your operator configured; an unsafe question is refused and an unsafe passage withheld. Its verdict, latency and cost go into the decision record."
              : "No judge endpoint is configured on this server (GUARDRAIL_JUDGE_KIND), so this rule has no effect until your operator sets one."
          }
          rule={rules.judge}
          actions={QUESTION_ACTIONS}
          hits={hitsOf("input", "judge")}
          onChange={(rule) => update((r) => ({ ...r, judge: { ...r.judge, enabled: rule.enabled, action: rule.action, shadow: rule.shadow } }))}
        >
          <div className="grid gap-4 md:grid-cols-2">
            <Choice
              label="Send to the judge"
              value={rules.judge.send}
              options={[
                { value: "uncertain", label: "Only what the detectors are unsure of" },
                { value: "all", label: "Every question and passage" },
              ]}
              onChange={(send) => update((r) => ({ ...r, judge: { ...r.judge, send } }))}
            />
            <Choice
              label="If the judge times out or fails"
              value={rules.judge.onFailure}
              options={[
                { value: "allow", label: "Let it through (fail open)" },
                { value: "block", label: "Refuse or withhold (fail closed)" },
              ]}
              onChange={(onFailure) => update((r) => ({ ...r, judge: { ...r.judge, onFailure } }))}
            />
          </div>
        </RuleRow>
      </Section>

      <Section title="Out of scope" description="When no passage the person may read supports an answer.">
        <RuleRow
          title="Refuse without a source"
          titleKo="근거 없는 답변 거부"
          description="Says that nothing was found instead of letting a model guess. Off: a configured language model answers anyway, without sources."
          rule={rules.outOfScope}
          actions={QUESTION_ACTIONS}
          hits={hitsOf("out_of_scope")}
          onChange={(rule) => update((r) => ({ ...r, outOfScope: rule }))}
        />
      </Section>

      <Section title="Answers" description="Checked sentence by sentence while the answer streams, before the reader sees it.">
        <RuleRow
          title="Personal data in answers"
          titleKo="답변의 개인정보"
          description="Looks for the kinds of personal data switched on above with an action other than Allow."
          rule={rules.output.pii}
          actions={ANSWER_PII_ACTIONS}
          hits={hitsOf("output", "pii")}
          onChange={(rule) => update((r) => ({ ...r, output: { ...r.output, pii: rule } }))}
        />
        <RuleRow
          title="Abusive language in answers"
          titleKo="답변의 부적절한 표현"
          description={catalog.toxicity.description}
          rule={rules.output.toxicity}
          actions={ANSWER_ACTIONS}
          hits={hitsOf("output", "toxicity")}
          onChange={(rule) => update((r) => ({ ...r, output: { ...r.output, toxicity: rule } }))}
        />
        <RuleRow
          title="Unsupported statements"
          titleKo="근거 없는 내용"
          description="Sentences of a model's answer whose content or figures are not in the passages they cite (a lexical check: it flags for review rather than proves a sentence wrong)."
          rule={rules.output.groundedness}
          actions={ANSWER_ACTIONS}
          hits={hitsOf("output", "groundedness")}
          onChange={(rule) => update((r) => ({ ...r, output: { ...r.output, groundedness: rule } }))}
        />
      </Section>

      <Section title="Limits" description="Enforced for every app instance together. Leave a field empty for no limit.">
        <div className="grid gap-4 px-5 py-4 sm:grid-cols-2">
          {(Object.keys(LIMIT_LABELS) as LimitName[]).map((name) => (
            <label key={name} className="block text-sm">
              <span className="font-medium text-slate-800">{LIMIT_LABELS[name]}</span>
              <input
                type="number"
                inputMode="numeric"
                min={1}
                step={1}
                placeholder="No limit"
                value={draft.limits[name]}
                aria-invalid={Boolean(errors[`limits.${name}`])}
                onChange={(event) => onChange({ ...draft, limits: { ...draft.limits, [name]: event.target.value } })}
                className={`mt-1 block w-full rounded-md border px-3 py-1.5 tabular-nums shadow-sm focus:outline-none focus:ring-1 ${errors[`limits.${name}`] ? "border-red-400 focus:ring-red-500" : "border-slate-300 focus:border-indigo-500 focus:ring-indigo-500"}`}
              />
              {errors[`limits.${name}`] && (
                <span role="alert" className="mt-1 block text-xs text-red-700">
                  {errors[`limits.${name}`]}
                </span>
              )}
            </label>
          ))}
        </div>
      </Section>
    </div>
  );
}

function Section({ title, description, children }: { title: string; description: string; children: ReactNode }) {
  return (
    <section className="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm" aria-label={title}>
      <header className="border-b border-slate-100 bg-slate-50/60 px-5 py-3">
        <h2 className="font-semibold text-slate-900">{title}</h2>
        <p className="mt-0.5 text-xs text-slate-500">{description}</p>
      </header>
      <div className="divide-y divide-slate-100">{children}</div>
    </section>
  );
}

function TermList({
  label,
  hint,
  placeholder,
  value,
  error,
  onChange,
}: {
  label: string;
  hint: string;
  placeholder: string;
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
}) {
  return (
    <label className="block text-sm">
      <span className="font-medium text-slate-800">{label}</span>
      <span className="block text-xs text-slate-500">{hint}</span>
      <textarea
        rows={4}
        value={value}
        placeholder={placeholder}
        aria-invalid={Boolean(error)}
        onChange={(event) => onChange(event.target.value)}
        className={`mt-1 block w-full rounded-md border px-3 py-2 font-mono text-sm shadow-sm focus:outline-none focus:ring-1 ${error ? "border-red-400 focus:ring-red-500" : "border-slate-300 focus:border-indigo-500 focus:ring-indigo-500"}`}
      />
      {error && (
        <span role="alert" className="mt-1 block text-xs text-red-700">
          {error}
        </span>
      )}
    </label>
  );
}

function Choice<Value extends string>({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: Value;
  options: { value: Value; label: string }[];
  onChange: (value: Value) => void;
}) {
  return (
    <label className="block text-xs font-medium text-slate-700">
      {label}
      <select
        value={value}
        onChange={(event) => onChange(event.target.value as Value)}
        className="mt-1 w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm font-normal shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500"
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}
