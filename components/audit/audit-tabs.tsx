import Link from "next/link";
import { CONSOLE_MESSAGES } from "@/components/audit/console-messages";
import type { AuditLocale } from "@/components/audit/messages";

export type AuditTab = "records" | "dashboard" | "feedback" | "access" | "integrity" | "retention";

/** The console's sections. */
export function AuditTabs({ current, locale, query = "" }: { current: AuditTab; locale: AuditLocale; query?: string }) {
  const t = CONSOLE_MESSAGES[locale].tabs;
  const suffix = query ? `?${query}` : "";
  const tabs: [AuditTab, string][] = [
    ["records", `/audit${suffix}`],
    ["dashboard", `/audit/dashboard${suffix}`],
    ["feedback", "/audit/feedback"],
    ["access", "/audit/access"],
    ["integrity", "/audit/integrity"],
    ["retention", "/audit/retention"],
  ];
  return (
    <nav className="flex gap-1 border-b border-slate-200 text-sm" aria-label="Audit console">
      {tabs.map(([tab, href]) => (
        <Link
          key={tab}
          href={href}
          aria-current={tab === current ? "page" : undefined}
          className={`-mb-px border-b-2 px-3 py-2 ${tab === current ? "border-indigo-600 font-medium text-indigo-700" : "border-transparent text-slate-600 hover:text-indigo-700"}`}
        >
          {t[tab]}
        </Link>
      ))}
    </nav>
  );
}
