import Link from "next/link";
import { CONSOLE_MESSAGES } from "@/components/audit/console-messages";
import { ConsolePage } from "@/components/audit/console-page";
import { auditLocale } from "@/components/audit/locale";
import { AUDIT_MESSAGES } from "@/components/audit/messages";
import { OutcomeBadge } from "@/components/audit/outcome-badge";
import { TriageControls } from "@/components/audit/triage-controls";
import { urlSearchParams } from "@/lib/audit/console-filter";
import { FEEDBACK_LABELS, feedbackQueue, feedbackTriagers, type QueueFilter } from "@/lib/audit/feedback-triage";
import { canReadAudit } from "@/lib/audit/readers";
import type { RetrievedEntry } from "@/lib/audit/records";
import { pageUser } from "@/lib/auth/page-access";

export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The feedback queue: open feedback first by default, oldest first, each with its answer and the means to triage it. */
export default async function FeedbackPage({ searchParams }: Props) {
  const reader = await pageUser();
  if (!canReadAudit(reader.role)) return null; // the layout shows why
  const locale = await auditLocale();
  const t = CONSOLE_MESSAGES[locale].triage;
  const params = urlSearchParams(await searchParams);
  const filter = queueFilter(params);
  const [page, triagers] = [await feedbackQueue(reader, filter), await feedbackTriagers(reader)];
  const emailOf = new Map(triagers.map((p) => [p.id, p.email]));
  const anyLabel = CONSOLE_MESSAGES[locale].filters.any;
  return (
    <ConsolePage locale={locale} tab="feedback" title={t.title} intro={t.intro}>
      <form
        method="get"
        action="/audit/feedback"
        className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 text-sm"
        data-testid="queue-filter"
      >
        <Choice
          name="status"
          label={t.status}
          value={filter.status}
          any={anyLabel}
          options={[
            ["open", t.statuses.open!],
            ["resolved", t.statuses.resolved!],
          ]}
        />
        <Choice name="label" label={t.label} value={filter.label} any={anyLabel} options={FEEDBACK_LABELS.map((l) => [l, t.labels[l]!])} />
        <Choice
          name="assignee"
          label={t.assignee}
          value={filter.assignee}
          any={anyLabel}
          options={[
            ["me", t.assignees.me!],
            ["nobody", t.assignees.nobody!],
          ]}
        />
        <button type="submit" className="rounded-md bg-indigo-600 px-4 py-1.5 font-medium text-white hover:bg-indigo-700">
          {CONSOLE_MESSAGES[locale].filters.apply}
        </button>
      </form>
      {page.items.length === 0 ? (
        <p className="text-sm text-slate-500">{t.none}</p>
      ) : (
        <ul className="space-y-3">
          {page.items.map((item) => {
            const documents = [...new Map((item.decision.retrieved as RetrievedEntry[]).map((r) => [r.documentId, r.documentTitle])).entries()];
            const rules = [
              ...new Set((item.decision.verdicts as { rule?: string; stage?: string; check?: string }[]).map((v) => v.rule ?? `${v.stage}.${v.check}`)),
            ];
            return (
              <li key={item.id} className="rounded-lg border border-slate-200 bg-white p-4 text-sm" data-testid="feedback-item">
                <div className="flex flex-wrap items-center gap-2">
                  <span className={item.rating === "down" ? "text-red-700" : "text-emerald-700"}>{AUDIT_MESSAGES[locale].rating(item.rating === "up")}</span>
                  <OutcomeBadge outcome={item.decision.outcome} label={AUDIT_MESSAGES[locale].outcome[item.decision.outcome]} />
                  <span className="text-slate-500">{item.decision.userEmail}</span>
                  <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs" data-testid="feedback-status">
                    {t.statuses[item.status]} · {t.labels[item.label ?? "unlabelled"]} · {t.assignee}:{" "}
                    {item.assigneeId ? (emailOf.get(item.assigneeId) ?? "?") : t.assignees.nobody}
                  </span>
                </div>
                <p className="mt-2 font-medium">
                  <Link href={`/audit/${item.decision.id}`} className="text-indigo-700 hover:underline">
                    {item.decision.question || "—"}
                  </Link>
                </p>
                <p className="mt-1 text-slate-600">
                  {t.comment}: {item.comment ?? t.noComment}
                </p>
                {(documents.length > 0 || rules.length > 0) && (
                  <p className="mt-1 text-slate-600">
                    {documents.length > 0 && (
                      <>
                        {t.documents}:{" "}
                        {documents.map(([id, title]) => (
                          <Link key={id} href={`/admin/documents#${id}`} className="mr-2 text-indigo-700 hover:underline">
                            {title ?? id.slice(0, 8)}
                          </Link>
                        ))}
                      </>
                    )}
                    {rules.length > 0 && (
                      <>
                        {t.rules}:{" "}
                        {rules.map((rule) => (
                          <Link key={rule} href={`/admin/policies#${rule}`} className="mr-2 font-mono text-xs text-indigo-700 hover:underline">
                            {rule}
                          </Link>
                        ))}
                      </>
                    )}
                  </p>
                )}
                {item.status === "resolved" && item.resolutionNote && <p className="mt-1 text-emerald-800">{t.resolvedBy(item.resolutionNote)}</p>}
                <TriageControls
                  feedbackId={item.id}
                  locale={locale}
                  labels={FEEDBACK_LABELS}
                  triagers={triagers.map((p) => p.email)}
                  current={{ label: item.label, assignee: item.assigneeId ? (emailOf.get(item.assigneeId) ?? null) : null, status: item.status }}
                />
              </li>
            );
          })}
        </ul>
      )}
    </ConsolePage>
  );
}

/** The queue's filter from the URL; open feedback unless a status is asked for. Unknown values are ignored. */
function queueFilter(params: URLSearchParams): QueueFilter {
  const pick = <T extends string>(value: string | null, allowed: readonly T[]) => (allowed.includes(value as T) ? (value as T) : undefined);
  const status = params.has("status") ? pick(params.get("status"), ["open", "resolved"] as const) : "open";
  return {
    ...(status ? { status } : {}),
    ...(pick(params.get("label"), FEEDBACK_LABELS) ? { label: pick(params.get("label"), FEEDBACK_LABELS) } : {}),
    ...(pick(params.get("assignee"), ["me", "nobody"] as const) ? { assignee: pick(params.get("assignee"), ["me", "nobody"] as const) } : {}),
  };
}

/** One of the queue filter's choices, "any" first. */
function Choice({ name, label, value, any, options }: { name: string; label: string; value: string | undefined; any: string; options: [string, string][] }) {
  return (
    <label className="text-slate-600">
      {label}
      <select name={name} defaultValue={value ?? ""} className="mt-1 block rounded-md border border-slate-300 px-2 py-1">
        <option value="">{any}</option>
        {options.map(([option, text]) => (
          <option key={option} value={option}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}
