import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { TimeZoneSync } from "@/components/ui/time-zone-sync";
import { requestPreferences } from "@/lib/i18n/request-preferences";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("meta");
  return { title: { default: "Lore", template: "%s · Lore" }, description: t("description") };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  // theme: light, dark, or "system" (follow prefers-color-scheme), see app/dark-theme.css
  const { locale, theme } = await requestPreferences();
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
