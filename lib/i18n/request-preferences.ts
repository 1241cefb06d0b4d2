import "server-only";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { currentUser } from "@/lib/auth/session";
import { isLocale, LOCALE_COOKIE, resolveLocale, THEME_COOKIE, themeOr, THEMES, type Locale, type Theme } from "@/lib/i18n/locales";
import { savedPreferences } from "@/lib/i18n/preferences";

/**
 * The interface language and theme of this request: this browser's choice (cookies); else, for a
 * signed-in person on a browser that has none yet, the choice kept with them; else the browser's
 * Accept-Language and the system's theme. Read once per request.
 */
export const requestPreferences = cache(async (): Promise<{ locale: Locale; theme: Theme }> => {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  const localeCookie = cookieStore.get(LOCALE_COOKIE)?.value;
  const themeCookie = cookieStore.get(THEME_COOKIE)?.value;
  const chosenHere = isLocale(localeCookie) && (THEMES as readonly (string | undefined)[]).includes(themeCookie);
  const user = chosenHere ? null : await currentUser().catch(() => null);
  const saved = user ? await savedPreferences(user) : { locale: null, theme: null };
  return {
    locale: isLocale(localeCookie) ? localeCookie : (saved.locale ?? resolveLocale({ acceptLanguage: headerList.get("accept-language") })),
    theme: themeCookie ? themeOr(themeCookie) : (saved.theme ?? "system"),
  };
});
