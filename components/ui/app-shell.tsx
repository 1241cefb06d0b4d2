import Link from "next/link";
import type { ReactNode } from "react";
import type { AuthenticatedUser } from "@/lib/auth/user";
import { signOutAction } from "@/app/(auth)/sign-out";

const NAV = [
  { href: "/", label: "Chat", roles: ["employee", "admin", "auditor"] },
  { href: "/admin/documents", label: "Documents", roles: ["admin"] },
  { href: "/admin/policies", label: "Policies", roles: ["admin"] },
  { href: "/admin/people", label: "People", roles: ["admin"] },
  { href: "/audit", label: "Audit log", roles: ["auditor", "admin"] },
  { href: "/activity", label: "Admin activity", roles: ["auditor"] },
] as const;

/** The frame of every signed-in page: product, workspace, the sections this role may use, and sign-out. */
export function AppShell({ user, children }: { user: AuthenticatedUser; children: ReactNode }) {
  return (
    <div className="flex h-full flex-col">
      <header className="flex items-center gap-6 border-b border-slate-200 bg-white px-5 py-3">
        <Link href="/" className="text-lg font-semibold text-indigo-700">
          Lore
        </Link>
        <span className="text-sm text-slate-500">{user.tenantName}</span>
        <nav className="flex gap-4 text-sm" aria-label="Sections">
          {NAV.filter((item) => (item.roles as readonly string[]).includes(user.role)).map((item) => (
            <Link key={item.href} href={item.href} className="text-slate-700 hover:text-indigo-700">
              {item.label}
            </Link>
          ))}
        </nav>
        <div className="ml-auto flex items-center gap-3 text-sm">
          <span data-testid="signed-in-user">
            {user.name} <span className="text-slate-400">· {user.role}</span>
          </span>
          <form action={signOutAction}>
            <button type="submit" className="rounded border border-slate-300 px-2 py-1 text-slate-600 hover:bg-slate-100">
              Sign out
            </button>
          </form>
        </div>
      </header>
      <div className="min-h-0 flex-1">{children}</div>
    </div>
  );
}
