import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import { cookies } from "next/headers";
import type { ReactNode } from "react";
import { TimeZoneSync } from "@/components/ui/time-zone-sync";
import { THEME_COOKIE, themeOr } from "@/lib/i18n/locales";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("meta");
  return { title: { default: "Lore", template: "%s · Lore" }, description: t("description") };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  // light, dark, or "system" (follow prefers-color-scheme): see app/dark-theme.css
  const theme = themeOr((await cookies()).get(THEME_COOKIE)?.value);
  return (
    <html lang={locale} data-theme={theme}>
      <body className="h-full bg-slate-50 font-sans text-slate-900 antialiased">
        <NextIntlClientProvider>
          <TimeZoneSync />
          {children}
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
