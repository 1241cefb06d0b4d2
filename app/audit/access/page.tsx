import { AccessLog } from "@/components/audit/access-log";
import { CONSOLE_MESSAGES } from "@/components/audit/console-messages";
import { ConsolePage } from "@/components/audit/console-page";
import { auditLocale } from "@/components/audit/locale";
import { listAuditEvents } from "@/lib/audit/access-log";
import { canReadAudit } from "@/lib/audit/readers";
import { pageUser } from "@/lib/auth/page-access";

export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<{ before?: string }> };

/** Who read the decision log: every record viewed and every export, newest first. */
export default async function AccessPage({ searchParams }: Props) {
  const reader = await pageUser();
  if (!canReadAudit(reader.role)) return null; // the layout shows why
  const locale = await auditLocale();
  const t = CONSOLE_MESSAGES[locale].access;
  const page = await listAuditEvents(reader, { before: parseEventCursor((await searchParams).before) });
  return (
    <ConsolePage locale={locale} tab="access" title={t.title} intro={t.intro}>
      <AccessLog page={page} locale={locale} />
    </ConsolePage>
  );
}

/** "<ISO time>_<id>" of the last event on the previous page; anything else starts at the newest. */
function parseEventCursor(value: string | undefined): { createdAt: Date; id: string } | undefined {
  const match = value?.match(/^(\d{4}-\d{2}-\d{2}T[\d:.]+Z)_([0-9a-f-]{36})$/);
  return match && !Number.isNaN(Date.parse(match[1]!)) ? { createdAt: new Date(match[1]!), id: match[2]! } : undefined;
}
