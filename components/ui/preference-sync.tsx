"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { chooseLocale, chooseTheme } from "@/app/preferences/actions";
import type { Locale, Theme } from "@/lib/i18n/locales";

type Props = { saved: { locale: Locale | null; theme: Theme | null }; current: { locale: Locale; theme: Theme } };

/**
 * A person's saved language and theme win over a browser that does not have them yet (another
 * computer, cleared cookies): the browser is given them and the page rendered again, once.
 */
export function PreferenceSync({ saved, current }: Props) {
  const router = useRouter();
  const locale = saved.locale && saved.locale !== current.locale ? saved.locale : null;
  const theme = saved.theme && saved.theme !== current.theme ? saved.theme : null;
  useEffect(() => {
    if (!locale && !theme) return;
    void (async () => {
      if (locale) await chooseLocale(locale);
      if (theme) await chooseTheme(theme);
      router.refresh();
    })();
  }, [locale, theme, router]);
  return null;
}
