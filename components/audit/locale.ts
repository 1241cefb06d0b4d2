import "server-only";
import { headers } from "next/headers";
import type { AuditLocale } from "@/components/audit/messages";

/**
 * The language of the audit pages: the browser's first choice when it is Korean, else English. (The
 * app-wide language setting will take over here once the i18n layer exists.)
 */
export async function auditLocale(): Promise<AuditLocale> {
  const first = (await headers()).get("accept-language")?.split(",")[0]?.trim().toLowerCase() ?? "";
  return first.startsWith("ko") ? "ko" : "en";
}
