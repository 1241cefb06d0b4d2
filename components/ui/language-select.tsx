"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { chooseLocale } from "@/app/preferences/actions";
import { LOCALES } from "@/lib/i18n/locales";

/** Each language named in itself, so a reader finds theirs whatever the interface shows now. */
const NATIVE_NAMES: Record<(typeof LOCALES)[number], string> = { en: "English", ko: "한국어" };

export function LanguageSelect() {
  const t = useTranslations("shell");
  const locale = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <label className="flex items-center gap-1.5">
      <span className="sr-only">{t("language")}</span>
      <select
        value={locale}
        disabled={pending}
        onChange={(event) => {
          const next = event.target.value;
          startTransition(async () => {
            await chooseLocale(next);
            router.refresh();
          });
        }}
        className="rounded border border-slate-300 bg-white px-1.5 py-1 text-sm text-slate-700"
        data-testid="language-select"
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {NATIVE_NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
