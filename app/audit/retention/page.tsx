import { CONSOLE_MESSAGES, lastDayOf, utc } from "@/components/audit/console-messages";
import { ConsolePage } from "@/components/audit/console-page";
import { PlaceHoldForm, ReleaseHoldButton } from "@/components/audit/hold-controls";
import { auditLocale } from "@/components/audit/locale";
import { RetentionControls } from "@/components/audit/retention-controls";
import { HOLD_KEEPERS, listHolds } from "@/lib/audit/legal-holds";
import { canReadAudit } from "@/lib/audit/readers";
import { RETENTION_SETTERS, retentionStatus } from "@/lib/audit/retention";
import { pageUser } from "@/lib/auth/page-access";
import type { Role } from "@/lib/generated/prisma/enums";

export const dynamic = "force-dynamic";

const may = (roles: readonly Role[], role: Role) => roles.includes(role);

/** The workspace's retention of decision records and its legal holds: read by auditors and admins, the retention set by admins, holds placed and released by both. */
export default async function RetentionPage() {
  const reader = await pageUser();
  if (!canReadAudit(reader.role)) return null; // the layout shows why
  const locale = await auditLocale();
  const t = CONSOLE_MESSAGES[locale].retention;
  const [status, holds] = [await retentionStatus(reader), await listHolds(reader)];
  const keeper = may(HOLD_KEEPERS, reader.role);
  return (
    <ConsolePage locale={locale} tab="retention" title={t.title} intro={t.intro}>
      <section className="rounded-lg border border-slate-200 bg-white p-5 text-sm" data-testid="retention">
        <h2 className="mb-2 font-semibold">{t.retentionTitle}</h2>
        <p>{t.keptFor(status.days)}</p>
        <p className="text-slate-500">
          {status.own && status.updatedBy && status.updatedAt ? t.ownSetting(status.updatedBy, utc(status.updatedAt)) : t.defaultSetting(status.defaultDays)}
        </p>
        <p className="mt-2">{t.cutoff(utc(status.cutoff))}</p>
        <p data-testid="purgeable">{t.purgeable(status.purgeable)}</p>
        {status.keptByHolds > 0 && <p className="text-amber-800">{t.keptByHolds(status.keptByHolds)}</p>}
        {may(RETENTION_SETTERS, reader.role) ? <RetentionControls locale={locale} days={status.days} /> : <p className="mt-2 text-slate-500">{t.adminsOnly}</p>}
      </section>
      <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-5 text-sm">
        <div>
          <h2 className="font-semibold">{t.holdsTitle}</h2>
          <p className="text-slate-500">{t.holdsIntro}</p>
        </div>
        {holds.length === 0 ? (
          <p className="text-slate-500">{t.noHolds}</p>
        ) : (
          <ul className="space-y-2" data-testid="holds">
            {holds.map((hold) => (
              <li
                key={hold.id}
                className="flex flex-wrap items-center gap-2 border-t border-slate-100 pt-2"
                data-testid="hold"
                data-active={hold.releasedAt ? "false" : "true"}
              >
                <span className={`rounded-full px-2 py-0.5 text-xs ${hold.releasedAt ? "bg-slate-100 text-slate-600" : "bg-amber-100 text-amber-900"}`}>
                  {hold.releasedAt ? t.released(hold.releasedByLabel ?? "?", utc(hold.releasedAt)) : t.active}
                </span>
                <span className="font-medium">
                  {t.describeScope(
                    hold.scope,
                    hold.userEmail,
                    hold.heldFrom?.toISOString().slice(0, 10) ?? null,
                    hold.heldUntil ? lastDayOf(hold.heldUntil) : null,
                  )}
                </span>
                <span className="text-slate-600">“{hold.reason}”</span>
                <span className="text-slate-500">{t.placedBy(hold.placedByLabel, utc(hold.placedAt))}</span>
                {!hold.releasedAt && keeper && <ReleaseHoldButton locale={locale} holdId={hold.id} />}
              </li>
            ))}
          </ul>
        )}
        {keeper && <PlaceHoldForm locale={locale} />}
      </section>
    </ConsolePage>
  );
}
