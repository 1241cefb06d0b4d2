import { hangulBigrams } from "@/lib/text/terms";

/**
 * The extra terms stored in chunks.search_text and indexed with Postgres' 'simple' configuration
 * beside the 'english' one: Postgres has no Korean parser, so Hangul is matched by bigrams.
 * The same function turns a question into its query terms (see lore_any_terms in the migration).
 */
export function searchTextFor(text: string): string {
  return hangulBigrams(text).join(" ");
}
