import { createHash } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

/** JSON with object keys sorted at every depth, so the same record always hashes the same. */
export function canonicalJson(value: unknown): string {
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

// Fields added after the first records were written. A record written before holds null in them, and
// its hash was computed without them: they are left out of the hashed content when null, so old
// records verify as they always did and every new record's hash covers them.
const LATER_FIELDS = ["requestId", "timings", "search"] as const;

/** The fields a record's hash covers: all of them but the hash itself, as they read back from the database. */
export function hashedContent(record: { createdAt: Date | string } & Record<string, unknown>): Record<string, unknown> {
  const content: Record<string, unknown> = { ...record, createdAt: new Date(record.createdAt).toISOString() };
  for (const field of LATER_FIELDS) if (content[field] === null || content[field] === undefined) delete content[field];
  return content;
}
