import { getRequestConfig } from "next-intl/server";
import { cookies } from "next/headers";
import { requestPreferences } from "@/lib/i18n/request-preferences";
import { TIME_ZONE_COOKIE, timeZoneOr } from "@/lib/i18n/time-zone";

/**
 * next-intl's per-request configuration (wired in next.config.js): the interface language (see
 * requestPreferences), its messages, and the reader's time zone (reported by their browser) so
 * dates rendered on the server read the same as in the browser.
 */
export default getRequestConfig(async () => {
  const { locale } = await requestPreferences();
  const messages = (await import(`./messages/${locale}.json`)).default;
  return { locale, messages, timeZone: timeZoneOr((await cookies()).get(TIME_ZONE_COOKIE)?.value, "UTC") };
});
