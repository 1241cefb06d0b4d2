import type { ReactNode } from "react";
import { AppShell } from "@/components/ui/app-shell";
import { Forbidden } from "@/components/ui/forbidden";
import { pageUser } from "@/lib/auth/page-access";

export default async function ActivityLayout({ children }: { children: ReactNode }) {
  const user = await pageUser();
  return <AppShell user={user}>{user.role === "auditor" ? <main className="h-full overflow-y-auto">{children}</main> : <Forbidden need="auditor" />}</AppShell>;
}
