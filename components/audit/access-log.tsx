import Link from "next/link";
import { CONSOLE_MESSAGES, lastDayOf, utc } from "@/components/audit/console-messages";
import type { AuditLocale } from "@/components/audit/messages";
import type { listAuditEvents } from "@/lib/audit/access-log";

type Page = Awaited<ReturnType<typeof listAuditEvents>>;

/** The audit events as a table: when, who, what (a record viewed links to it), with which filter. */
export function AccessLog({ page, locale }: { page: Page; locale: AuditLocale }) {
  const t = CONSOLE_MESSAGES[locale].access;
  if (page.events.length === 0) return <p className="text-sm text-slate-500">{t.none}</p>;
  return (
    <>
      <div className="overflow-x-auto">
        <table className="w-full rounded-lg border border-slate-200 bg-white text-sm" data-testid="audit-events">
          <thead className="bg-slate-50 text-left text-slate-500">
            <tr>
              <th className="px-3 py-2 font-medium">{t.when}</th>
              <th className="px-3 py-2 font-medium">{t.who}</th>
              <th className="px-3 py-2 font-medium">{t.what}</th>
              <th className="px-3 py-2 font-medium">{t.filter}</th>
            </tr>
          </thead>
          <tbody>
            {page.events.map((event) => (
              <tr key={event.id} className="border-t border-slate-100 align-top" data-testid="audit-event">
                <td className="whitespace-nowrap px-3 py-2">{utc(event.createdAt)}</td>
                <td className="px-3 py-2">{event.actorLabel}</td>
                <td className="px-3 py-2">{describe(event, locale)}</td>
                <td className="break-all px-3 py-2 font-mono text-xs text-slate-600">
                  {event.filter ? [...new URLSearchParams(event.filter)].map(([field, value]) => `${field}=${value}`).join(" · ") : t.noFilter}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {page.next && (
        <Link
          href={`/audit/access?before=${page.next.createdAt.toISOString()}_${page.next.id}`}
          className="block text-right text-sm text-indigo-700 hover:underline"
        >
          {t.older}
        </Link>
      )}
    </>
  );
}

function describe(event: Page["events"][number], locale: AuditLocale) {
  const t = CONSOLE_MESSAGES[locale].access;
  const say = t.action[event.action] ?? ((detail: string) => `${event.action} ${detail}`);
  if (event.action === "record.viewed" && event.recordId) {
    return (
      <Link href={`/audit/${event.recordId}`} className="text-indigo-700 hover:underline">
        {say(event.recordId.slice(0, 8))}
      </Link>
    );
  }
  const details = (event.details ?? {}) as {
    format?: string;
    checkpointSeq?: number;
    verified?: boolean;
    throughSeq?: number;
    brokenAtSeq?: number;
    label?: string | null;
    assignee?: string | null;
    status?: string;
  };
  if (event.action === "feedback.triaged") {
    const triage = CONSOLE_MESSAGES[locale].triage;
    const parts = [
      details.label !== undefined ? `${triage.label}: ${triage.labels[details.label ?? "unlabelled"] ?? details.label}` : null,
      details.assignee !== undefined ? `${triage.assignee}: ${details.assignee ?? triage.assignees.nobody}` : null,
      details.status ? `${triage.status}: ${triage.statuses[details.status] ?? details.status}` : null,
    ];
    return say(`(${parts.filter(Boolean).join(", ")})`);
  }
  if (event.action === "retention.changed") {
    const change = details as { fromDays?: number; toDays?: number };
    return say(t.retentionDetails(change.fromDays ?? 0, change.toDays ?? 0));
  }
  if (event.action === "records.purged") {
    const purge = details as { records?: number; throughSeq?: number | null };
    return say(t.purgeDetails(purge.records ?? 0, purge.throughSeq ?? null));
  }
  if (event.action === "hold.placed" || event.action === "hold.released") {
    const hold = details as { scope?: string; user?: string | null; from?: string | null; until?: string | null };
    return say(
      CONSOLE_MESSAGES[locale].retention.describeScope(
        hold.scope ?? "tenant",
        hold.user ?? null,
        hold.from?.slice(0, 10) ?? null,
        hold.until ? lastDayOf(hold.until) : null,
      ),
    );
  }
  if (details.format && details.verified === false) return say(t.exportUnverifiedDetails(details.format, details.throughSeq ?? 0, details.brokenAtSeq ?? 0));
  return say(details.format ? t.exportDetails(details.format, details.checkpointSeq ?? 0) : "");
}
