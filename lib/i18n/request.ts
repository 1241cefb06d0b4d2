import { getRequestConfig } from "next-intl/server";
import { cookies, headers } from "next/headers";
import { LOCALE_COOKIE, resolveLocale } from "@/lib/i18n/locales";
import { TIME_ZONE_COOKIE, timeZoneOr } from "@/lib/i18n/time-zone";

/**
 * next-intl's per-request configuration (wired in next.config.js): the interface language from the
 * reader's choice or their browser, its messages, and the reader's time zone (reported by their
 * browser) so dates rendered on the server read the same as in the browser.
 */
export default getRequestConfig(async () => {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  const locale = resolveLocale({ cookie: cookieStore.get(LOCALE_COOKIE)?.value, acceptLanguage: headerList.get("accept-language") });
  const messages = (await import(`./messages/${locale}.json`)).default;
  return { locale, messages, timeZone: timeZoneOr(cookieStore.get(TIME_ZONE_COOKIE)?.value, "UTC") };
});
