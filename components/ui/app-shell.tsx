import { useTranslations } from "next-intl";
import Link from "next/link";
import type { ReactNode } from "react";
import { signOutAction } from "@/app/(auth)/sign-out";
import { LanguageSelect } from "@/components/ui/language-select";
import type { AuthenticatedUser } from "@/lib/auth/user";

const NAV = [
  { href: "/", key: "chat", roles: ["employee", "admin", "auditor"] },
  { href: "/admin/documents", key: "documents", roles: ["admin"] },
  { href: "/admin/policies", key: "policies", roles: ["admin"] },
  { href: "/audit", key: "audit", roles: ["auditor"] },
] as const;

/**
 * The frame of every signed-in page: a skip link, product, workspace, the sections this role may
 * use, the interface language, sign-out, and the page's main landmark (the skip link's target).
 */
export function AppShell({ user, children }: { user: AuthenticatedUser; children: ReactNode }) {
  const t = useTranslations("shell");
  return (
    <div className="flex h-full flex-col">
      <a href="#main" className="skip-link">
        {t("skipToContent")}
      </a>
      <header className="flex items-center gap-6 border-b border-slate-200 bg-white px-5 py-3">
        <Link href="/" className="text-lg font-semibold text-indigo-700">
          Lore
        </Link>
        <span className="text-sm text-slate-500">{user.tenantName}</span>
        <nav className="flex gap-4 text-sm" aria-label={t("sections")}>
          {NAV.filter((item) => (item.roles as readonly string[]).includes(user.role)).map((item) => (
            <Link key={item.href} href={item.href} className="text-slate-700 hover:text-indigo-700">
              {t(`nav.${item.key}`)}
            </Link>
          ))}
        </nav>
        <div className="ml-auto flex items-center gap-3 text-sm">
          <LanguageSelect />
          <span data-testid="signed-in-user">
            {user.name} <span className="text-slate-500">· {t(`roles.${user.role}`)}</span>
          </span>
          <form action={signOutAction}>
            <button type="submit" className="rounded border border-slate-300 px-2 py-1 text-slate-600 hover:bg-slate-100">
              {t("signOut")}
            </button>
          </form>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="min-h-0 flex-1 overflow-y-auto focus:outline-none">
        {children}
      </main>
    </div>
  );
}
