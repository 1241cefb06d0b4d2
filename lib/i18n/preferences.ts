import "server-only";
import type { AuthenticatedUser } from "@/lib/auth/user";
import { withTenant } from "@/lib/db/tenant";
import { isLocale, THEMES, type Locale, type Theme } from "@/lib/i18n/locales";

export type SavedPreferences = { locale: Locale | null; theme: Theme | null };

/**
 * A person's chosen interface language and theme, kept with them: a browser keeps its own choice in
 * cookies, and one that has none yet is given theirs (see request-preferences.ts).
 */
export async function savedPreferences(user: AuthenticatedUser): Promise<SavedPreferences> {
  const row = await withTenant(user.tenantId, (tx) => tx.userPreference.findUnique({ where: { userId: user.id }, select: { locale: true, theme: true } }));
  return {
    locale: isLocale(row?.locale) ? row.locale : null,
    theme: (THEMES as readonly (string | null | undefined)[]).includes(row?.theme) ? (row!.theme as Theme) : null,
  };
}

export async function savePreference(user: AuthenticatedUser, change: { locale: Locale } | { theme: Theme }): Promise<void> {
  await withTenant(user.tenantId, (tx) =>
    tx.userPreference.upsert({ where: { userId: user.id }, create: { userId: user.id, tenantId: user.tenantId, ...change }, update: change }),
  );
}
