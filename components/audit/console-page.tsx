import type { ReactNode } from "react";
import { AuditTabs, type AuditTab } from "@/components/audit/audit-tabs";
import type { AuditLocale } from "@/components/audit/messages";

/** A page of the audit console: its heading (with `aside` to the right), the console's tabs, then the page. */
export function ConsolePage({
  locale,
  tab,
  title,
  intro,
  aside,
  query,
  children,
}: {
  locale: AuditLocale;
  tab: AuditTab;
  title: string;
  intro?: ReactNode;
  aside?: ReactNode;
  query?: string;
  children: ReactNode;
}) {
  return (
    <div className="mx-auto max-w-7xl space-y-5 p-6" lang={locale}>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">{title}</h1>
          {intro && <div className="text-sm text-slate-500">{intro}</div>}
        </div>
        {aside}
      </div>
      <AuditTabs current={tab} locale={locale} query={query} />
      {children}
    </div>
  );
}
