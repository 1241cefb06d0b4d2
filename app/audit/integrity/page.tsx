import { ChainStatus } from "@/components/audit/chain-status";
import { CONSOLE_MESSAGES, utc } from "@/components/audit/console-messages";
import { ConsolePage } from "@/components/audit/console-page";
import { auditLocale } from "@/components/audit/locale";
import { listCheckpoints, verifyDecisionLog } from "@/lib/audit/checkpoints";
import { canReadAudit } from "@/lib/audit/readers";
import { pageUser } from "@/lib/auth/page-access";
import { withTenant } from "@/lib/db/tenant";

export const dynamic = "force-dynamic";

/** The whole decision log verified against its signed checkpoints, and the checkpoints themselves. */
export default async function IntegrityPage() {
  const reader = await pageUser();
  if (!canReadAudit(reader.role)) return null; // the layout shows why
  const locale = await auditLocale();
  const t = CONSOLE_MESSAGES[locale].integrity;
  const chain = await verifyDecisionLog(reader.tenantId);
  const checkpoints = await withTenant(reader.tenantId, (tx) => listCheckpoints(tx, reader.tenantId));
  return (
    <ConsolePage locale={locale} tab="integrity" title={t.title} intro={t.intro}>
      <ChainStatus chain={chain} locale={locale} />
      <section className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 className="mb-2 font-semibold">{t.checkpoints}</h2>
        {checkpoints.length === 0 ? (
          <p className="text-sm text-slate-500">{t.noCheckpoints}</p>
        ) : (
          <ul className="space-y-1 text-sm" data-testid="checkpoints">
            {checkpoints
              .slice(-50)
              .reverse()
              .map((c) => (
                <li key={`${c.seq}-${c.signature}`}>
                  {t.checkpoint(c.seq, t.reasons[c.reason] ?? c.reason, utc(c.createdAt))} <code className="text-xs text-slate-400">{c.keyId}</code>
                </li>
              ))}
          </ul>
        )}
      </section>
    </ConsolePage>
  );
}
