import { match } from "@formatjs/intl-localematcher";
import Negotiator from "negotiator";

/** The interface languages. Korean and English are both first-class: every string exists in both. */
export const LOCALES = ["en", "ko"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

/** The reader's own choice of language, which wins over what the browser asks for. */
export const LOCALE_COOKIE = "lore-locale";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/**
 * The interface language for a request: the reader's choice if they made one, else the best match
 * for the browser's Accept-Language (ko-KR → ko), else English.
 */
export function resolveLocale(request: { cookie?: string | null; acceptLanguage?: string | null }): Locale {
  if (isLocale(request.cookie)) return request.cookie;
  const requested = new Negotiator({ headers: { "accept-language": request.acceptLanguage ?? "" } }).languages().filter((tag) => tag !== "*");
  if (requested.length === 0) return DEFAULT_LOCALE;
  try {
    const matched = match(requested, LOCALES, DEFAULT_LOCALE);
    return isLocale(matched) ? matched : DEFAULT_LOCALE;
  } catch {
    // a malformed language tag from the browser is no reason to fail the page
    return DEFAULT_LOCALE;
  }
}

/** The colour theme: the system's (default) or the reader's choice. */
export const THEMES = ["system", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];
export const THEME_COOKIE = "lore-theme";

export function themeOr(value: string | undefined | null): Theme {
  return (THEMES as readonly string[]).includes(value ?? "") ? (value as Theme) : "system";
}
