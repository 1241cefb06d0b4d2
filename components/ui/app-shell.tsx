import { getTranslations } from "next-intl/server";
import Link from "next/link";
import type { ReactNode } from "react";
import { signOutAction } from "@/app/(auth)/sign-out";
import { PhoneMenu } from "@/components/ui/phone-menu";
import { PreferenceSelects } from "@/components/ui/preference-selects";
import type { AuthenticatedUser } from "@/lib/auth/user";
import { requestPreferences } from "@/lib/i18n/request-preferences";

const NAV = [
  { href: "/", key: "chat", roles: ["employee", "admin", "auditor"] },
  { href: "/admin/documents", key: "documents", roles: ["admin"] },
  { href: "/admin/policies", key: "policies", roles: ["admin"] },
  { href: "/admin/people", key: "people", roles: ["admin"] },
  { href: "/audit", key: "audit", roles: ["auditor", "admin"] },
  { href: "/activity", key: "activity", roles: ["auditor"] },
] as const;

/**
 * The frame of every signed-in page: a skip link, product, workspace, the sections this role may
 * use, language and theme, sign-out (behind a menu on a phone), and the page's main landmark.
 */
export async function AppShell({ user, children }: { user: AuthenticatedUser; children: ReactNode }) {
  const t = await getTranslations("shell");
  const { theme } = await requestPreferences();
  const sections = NAV.filter((item) => (item.roles as readonly string[]).includes(user.role));
  const signOut = (
    <form action={signOutAction}>
      <button type="submit" className="rounded border border-slate-300 px-2 py-1 text-slate-700 hover:bg-slate-100">
        {t("signOut")}
      </button>
    </form>
  );
  const who = (
    <span data-testid="signed-in-user">
      {user.name} <span className="text-slate-600">· {t(`roles.${user.role}`)}</span>
    </span>
  );
  return (
    <div className="flex h-full flex-col">
      <a href="#main" className="skip-link">
        {t("skipToContent")}
      </a>
      <header className="relative flex items-center gap-4 border-b border-slate-200 bg-white px-4 py-2.5 md:gap-6 md:px-5">
        {/* "/" always by a full load: see the new-conversation link in components/chat/conversation-sidebar.tsx */}
        <a href="/" className="text-lg font-semibold text-indigo-800">
          Lore
        </a>
        <span className="hidden truncate text-sm text-slate-600 sm:inline">{user.tenantName}</span>
        <nav className="hidden gap-4 text-sm md:flex" aria-label={t("sections")}>
          {sections.map((item) => (
            <SectionLink key={item.href} href={item.href} className="text-slate-800 hover:text-indigo-800">
              {t(`nav.${item.key}`)}
            </SectionLink>
          ))}
        </nav>
        <div className="ml-auto hidden items-center gap-3 text-sm md:flex">
          <PreferenceSelects theme={theme} />
          {who}
          {signOut}
        </div>
        <div className="ml-auto md:hidden">
          <PhoneMenu>
            <nav className="flex flex-col gap-1 text-base" aria-label={t("sections")}>
              {sections.map((item) => (
                <SectionLink key={item.href} href={item.href} className="rounded px-2 py-1.5 text-slate-800 hover:bg-slate-100">
                  {t(`nav.${item.key}`)}
                </SectionLink>
              ))}
            </nav>
            <div className="flex flex-wrap items-center gap-2 text-sm">
              <PreferenceSelects theme={theme} />
            </div>
            <div className="flex items-center justify-between gap-3 text-sm">
              {who}
              {signOut}
            </div>
          </PhoneMenu>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="min-h-0 flex-1 overflow-y-auto focus:outline-none">
        {children}
      </main>
    </div>
  );
}

/** A section of the app; the chat ("/") by a full load, so it always opens a new conversation. */
function SectionLink({ href, className, children }: { href: string; className: string; children: ReactNode }) {
  return href === "/" ? (
    <a href={href} className={className}>
      {children}
    </a>
  ) : (
    <Link href={href} className={className}>
      {children}
    </Link>
  );
}
