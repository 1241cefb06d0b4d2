import type { ReactNode } from "react";
import { AppShell } from "@/components/ui/app-shell";
import { Forbidden } from "@/components/ui/forbidden";
import { canReadAudit } from "@/lib/audit/readers";
import { pageUser } from "@/lib/auth/page-access";

export default async function AuditLayout({ children }: { children: ReactNode }) {
  const user = await pageUser();
  return <AppShell user={user}>{canReadAudit(user.role) ? <main className="h-full overflow-y-auto">{children}</main> : <Forbidden need="auditor or admin" />}</AppShell>;
}
