"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { chooseLocale, chooseTheme } from "@/app/preferences/actions";
import { LOCALES, THEMES, type Theme } from "@/lib/i18n/locales";

/** Each language named in itself, so a reader finds theirs whatever the interface shows now. */
const NATIVE_NAMES: Record<(typeof LOCALES)[number], string> = { en: "English", ko: "한국어" };

const SELECT = "rounded border border-slate-300 bg-white px-1.5 py-1 text-sm text-slate-800";

/** The interface language and colour theme; a change is stored for this browser and the page re-rendered. */
export function PreferenceSelects({ theme }: { theme: Theme }) {
  const t = useTranslations("shell");
  const locale = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const apply = (action: () => Promise<void>) =>
    startTransition(async () => {
      await action();
      router.refresh();
    });
  return (
    <>
      <label className="flex items-center gap-1.5">
        <span className="sr-only">{t("language")}</span>
        <select value={locale} disabled={pending} onChange={(e) => apply(() => chooseLocale(e.target.value))} className={SELECT} data-testid="language-select">
          {LOCALES.map((l) => (
            <option key={l} value={l} lang={l}>
              {NATIVE_NAMES[l]}
            </option>
          ))}
        </select>
      </label>
      <label className="flex items-center gap-1.5">
        <span className="sr-only">{t("theme")}</span>
        <select value={theme} disabled={pending} onChange={(e) => apply(() => chooseTheme(e.target.value))} className={SELECT} data-testid="theme-select">
          {THEMES.map((th) => (
            <option key={th} value={th}>
              {t(`themes.${th}`)}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}
