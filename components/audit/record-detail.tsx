import Link from "next/link";
import type { ReactNode } from "react";
import { AUDIT_MESSAGES, type AuditLocale } from "@/components/audit/messages";
import { OutcomeBadge } from "@/components/audit/outcome-badge";
import { VerdictList, type StoredVerdict } from "@/components/audit/verdict-list";
import type { viewDecisionRecord } from "@/lib/audit/queries";
import type { DecisionSearch, RetrievedEntry, StageTimings, WithheldPassage } from "@/lib/audit/records";

type Record = NonNullable<Awaited<ReturnType<typeof viewDecisionRecord>>>;

/** One decision record, said in plain words (English or Korean), with its technical details below. */
export function RecordDetail({ record, locale, backQuery = "" }: { record: Record; locale: AuditLocale; backQuery?: string }) {
  const t = AUDIT_MESSAGES[locale];
  const retrieved = record.retrieved as RetrievedEntry[];
  // Records written before reasons were kept hold only ids.
  const withheld = record.withheld as Partial<WithheldPassage>[];
  const timings = record.timings as StageTimings | null;
  const search = record.search as DecisionSearch | null;
  return (
    <div className="mx-auto max-w-4xl space-y-6 p-6" data-testid="decision-detail" lang={locale}>
      <Link href={`/audit${backQuery ? `?${backQuery}` : ""}`} className="text-sm text-indigo-700 hover:underline">
        {t.back}
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{t.decision(record.seq)}</h1>
        <OutcomeBadge outcome={record.outcome} label={t.outcome[record.outcome]} />
      </div>
      <p className="text-slate-700" data-testid="outcome-explained">
        {t.outcomeExplained[record.outcome]}
      </p>
      <Section title={t.fields.question}>
        <p className="whitespace-pre-wrap">{record.question}</p>
      </Section>
      <Section title={t.fields.answer}>
        <p className="whitespace-pre-wrap">{record.answer || <span className="text-slate-400">{t.fields.noAnswer}</span>}</p>
      </Section>
      {search && (search.rewrittenBy || search.reranking) && (
        <Section title={t.searched}>
          <div className="space-y-1 text-sm" data-testid="searched">
            {search.rewrittenBy && (
              <p>
                <span className="whitespace-pre-wrap">{search.text}</span> <span className="text-slate-600">({t.rewrittenBy[search.rewrittenBy]})</span>
              </p>
            )}
            {search.reranking && (
              <p>{t.reranking(search.reranking.outcome, search.reranking.model, search.reranking.candidates, search.reranking.belowMinimum)}</p>
            )}
          </div>
        </Section>
      )}
      <Section title={t.checks}>
        <VerdictList verdicts={record.verdicts as StoredVerdict[]} locale={locale} />
      </Section>
      <Section title={t.used(retrieved.length)}>
        {retrieved.length === 0 ? (
          <p className="text-sm text-slate-500">{t.noneUsed}</p>
        ) : (
          <ol className="space-y-1 text-sm">
            {retrieved.map((r) => (
              <li key={r.chunkId}>
                #{r.rank} {r.documentTitle} <span className="text-slate-400">· {t.score(r.score)}</span>
              </li>
            ))}
          </ol>
        )}
      </Section>
      <Section title={t.withheld(withheld.length)}>
        {withheld.length === 0 ? (
          <p className="text-sm text-slate-500">{t.noneUsed}</p>
        ) : (
          <ul className="space-y-1 text-sm" data-testid="withheld">
            {withheld.map((w) => (
              <li key={w.chunkId}>
                <span className="font-medium">{w.documentTitle ?? t.unknownDocument}</span>
                {w.reason && <span className="text-slate-600"> — {t.withheldReason(w.reason)}</span>}
              </li>
            ))}
          </ul>
        )}
      </Section>
      {timings && (
        <Section title={t.timings}>
          <dl className="grid grid-cols-[12rem_1fr] gap-x-4 gap-y-1 text-sm" data-testid="timings">
            {(Object.keys(t.stage) as (keyof StageTimings)[]).map((stage) => (
              <Field key={stage} label={t.stage[stage]}>
                {timings[stage]} ms
              </Field>
            ))}
          </dl>
        </Section>
      )}
      <Section title={t.feedback}>
        {record.feedback.length === 0 ? (
          <p className="text-sm text-slate-400">{t.noFeedback}</p>
        ) : (
          <ul className="text-sm">
            {record.feedback.map((f) => (
              <li key={f.id}>
                {t.rating(f.rating === "up")} {f.comment}
              </li>
            ))}
          </ul>
        )}
      </Section>
      <dl className="grid grid-cols-[12rem_1fr] gap-x-4 gap-y-2 rounded-lg border border-slate-200 bg-white p-5 text-sm">
        <Field label={t.fields.when}>{record.createdAt.toISOString()}</Field>
        <Field label={t.fields.who}>{record.userEmail}</Field>
        <Field label={t.fields.mode}>{t.fields.modeValue(record.mode, record.model, record.promptVersion)}</Field>
        <Field label={t.fields.policy}>{record.policyVersion ?? t.fields.noPolicy}</Field>
        <Field label={t.fields.latency}>{record.latencyMs} ms</Field>
        <Field label={t.fields.tokens}>{t.fields.tokensValue(record.tokensIn, record.tokensOut)}</Field>
        {record.error && <Field label={t.fields.error}>{record.error}</Field>}
        {record.requestId && <Field label={t.fields.requestId}>{record.requestId}</Field>}
        <Field label={t.fields.hash}>
          <code className="break-all text-xs">{record.hash}</code>
        </Field>
        <Field label={t.fields.prevHash}>
          <code className="break-all text-xs">{record.prevHash}</code>
        </Field>
      </dl>
    </div>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-slate-500">{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-5" aria-label={title}>
      <h2 className="mb-2 font-semibold">{title}</h2>
      {children}
    </section>
  );
}
