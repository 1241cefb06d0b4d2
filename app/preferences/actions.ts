"use server";

import { cookies } from "next/headers";
import { currentUser } from "@/lib/auth/session";
import { isLocale, LOCALE_COOKIE, THEME_COOKIE, THEMES, type Theme } from "@/lib/i18n/locales";
import { savePreference } from "@/lib/i18n/preferences";

const ONE_YEAR_S = 365 * 24 * 60 * 60;

/** The reader picks the interface language: kept in this browser and, when signed in, with them. */
export async function chooseLocale(locale: string): Promise<void> {
  if (!isLocale(locale)) return;
  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: ONE_YEAR_S, sameSite: "lax", httpOnly: true });
  const user = await currentUser();
  if (user) await savePreference(user, { locale });
}

/** The reader picks light, dark, or the system's theme: kept like the language. */
export async function chooseTheme(theme: string): Promise<void> {
  if (!(THEMES as readonly string[]).includes(theme)) return;
  (await cookies()).set(THEME_COOKIE, theme, { path: "/", maxAge: ONE_YEAR_S, sameSite: "lax", httpOnly: true });
  const user = await currentUser();
  if (user) await savePreference(user, { theme: theme as Theme });
}
