import { readdirSync, readFileSync, type Stats, statSync } from "node:fs";
import path from "node:path";

// Reading the source's imports for the tests that keep its structure (tests/unit/db/raw-client-imports,
// tests/unit/folder-direction) until linter rules do it.
export const ROOT = path.resolve(import.meta.dirname, "../..");
const SKIPPED = new Set(["lib/generated", "node_modules"]);

/** The source files under the given files or folders (relative to the repository root). */
export function sourceFiles(...entries: string[]): string[] {
  return entries.flatMap((entry) => {
    let stats: Stats;
    try {
      stats = statSync(path.join(ROOT, entry));
    } catch {
      return [];
    }
    if (stats.isFile()) return /\.(ts|tsx|mjs|js)$/.test(entry) ? [entry] : [];
    if (SKIPPED.has(entry)) return [];
    return sourceFiles(...readdirSync(path.join(ROOT, entry)).map((name) => path.posix.join(entry, name)));
  });
}

/** Every module a file imports, statically or dynamically, with relative specifiers made "@/"-absolute. */
export function importsOf(file: string): string[] {
  const source = readFileSync(path.join(ROOT, file), "utf8");
  const specifiers = [...source.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["']([^"']+)["']/g)].map((match) => match[1]!);
  return specifiers.map((specifier) =>
    specifier.startsWith(".") ? `@/${path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier)).replace(/\.(ts|tsx|mjs|js)$/, "")}` : specifier,
  );
}
