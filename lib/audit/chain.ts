import { createHash } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

/** JSON with object keys sorted at every depth, so the same record always hashes the same. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/**
 * Each record's hash covers its content and the previous record's hash, so changing, removing or
 * reordering any past record breaks every hash after it. The database refuses UPDATE and DELETE on
 * the table as well; the chain is what lets an auditor prove nobody got around that.
 */
export function chainHash(prevHash: string, content: Record<string, unknown>): string {
  return createHash("sha256").update(prevHash).update("\n").update(canonicalJson(content)).digest("hex");
}
