import Link from "next/link";
import type { ReactNode } from "react";
import { OutcomeBadge } from "@/components/audit/outcome-badge";
import type { getDecisionRecord } from "@/lib/audit/queries";
import type { RetrievedEntry } from "@/lib/audit/records";
import type { WithheldChunk } from "@/lib/retrieval/hybrid-search";

type Record = NonNullable<Awaited<ReturnType<typeof getDecisionRecord>>>;

export function RecordDetail({ record }: { record: Record }) {
  const retrieved = record.retrieved as RetrievedEntry[];
  const withheld = record.withheld as WithheldChunk[];
  return (
    <div className="mx-auto max-w-4xl space-y-6 p-6" data-testid="decision-detail">
      <Link href="/audit" className="text-sm text-indigo-700 hover:underline">
        ← Audit log
      </Link>
      <div className="flex items-center gap-3">
        <h1 className="text-2xl font-semibold">Decision #{record.seq}</h1>
        <OutcomeBadge outcome={record.outcome} />
      </div>
      <dl className="grid grid-cols-[10rem_1fr] gap-x-4 gap-y-2 rounded-lg border border-slate-200 bg-white p-5 text-sm">
        <Field label="When (UTC)">{record.createdAt.toISOString()}</Field>
        <Field label="Who">{record.userEmail}</Field>
        <Field label="Answer mode">
          {record.mode} · model {record.model} · prompt {record.promptVersion}
        </Field>
        <Field label="Policy version">{record.policyVersion ?? "none"}</Field>
        <Field label="Latency">{record.latencyMs} ms</Field>
        <Field label="Tokens">
          {record.tokensIn} in · {record.tokensOut} out
        </Field>
        {record.error && <Field label="Error">{record.error}</Field>}
        <Field label="Record hash">
          <code className="break-all text-xs">{record.hash}</code>
        </Field>
        <Field label="Previous hash">
          <code className="break-all text-xs">{record.prevHash}</code>
        </Field>
      </dl>
      <Section title="Question">
        <p className="whitespace-pre-wrap">{record.question}</p>
      </Section>
      <Section title="Answer">
        <p className="whitespace-pre-wrap">{record.answer || <span className="text-slate-400">(no answer text)</span>}</p>
      </Section>
      <Section title={`Passages used (${retrieved.length})`}>
        <ol className="space-y-1 text-sm">
          {retrieved.map((r) => (
            <li key={r.chunkId}>
              #{r.rank} {r.documentTitle} <span className="text-slate-400">· score {r.score} · chunk {r.chunkId}</span>
            </li>
          ))}
        </ol>
      </Section>
      <Section title={`Passages withheld by access control (${withheld.length})`}>
        <ul className="space-y-1 text-sm text-slate-600">
          {withheld.map((w) => (
            <li key={w.chunkId}>
              chunk {w.chunkId} <span className="text-slate-400">of document {w.documentId}</span>
            </li>
          ))}
        </ul>
      </Section>
      <Section title="Feedback">
        {record.feedback.length === 0 ? (
          <p className="text-sm text-slate-400">None</p>
        ) : (
          <ul className="text-sm">
            {record.feedback.map((f) => (
              <li key={f.id}>
                {f.rating === "up" ? "▲ helpful" : "▼ not helpful"} {f.comment}
              </li>
            ))}
          </ul>
        )}
      </Section>
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
    <section className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 className="mb-2 font-semibold">{title}</h2>
      {children}
    </section>
  );
}
