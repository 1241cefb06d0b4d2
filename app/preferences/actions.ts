"use server";

import { cookies } from "next/headers";
import { isLocale, LOCALE_COOKIE } from "@/lib/i18n/locales";

const ONE_YEAR_S = 365 * 24 * 60 * 60;

/** The reader picks the interface language; it wins over the browser's from now on. */
export async function chooseLocale(locale: string): Promise<void> {
  if (!isLocale(locale)) return;
  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: ONE_YEAR_S, sameSite: "lax", httpOnly: true });
}
