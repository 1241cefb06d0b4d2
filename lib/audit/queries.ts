import "server-only";
import { logAuditEvent } from "@/lib/audit/access-log";
import { consoleFilterQuery, searchFilterOf, type ConsoleFilter, type SearchFilter } from "@/lib/audit/console-filter";
import type { AuthenticatedUser } from "@/lib/auth/user";
import { withTenant, type TenantTx } from "@/lib/db/tenant";

export const PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

/**
 * A page of the tenant's decision records that match the console's filter, newest first, with their
 * feedback. Keyset pagination: `before` is the last seq of the previous page (`nextBefore`), so a page
 * deep in a million records costs what the first one does.
 */
export async function findDecisionRecords(reader: AuthenticatedUser, filter: ConsoleFilter, page: { before?: number; limit?: number } = {}) {
  const limit = Math.min(Math.max(page.limit ?? PAGE_SIZE, 1), MAX_PAGE_SIZE);
  return withTenant(reader.tenantId, async (tx) => {
    const search = await resolveSearchFilter(tx, reader.tenantId, filter);
    const seqs = await matchingSeqs(tx, search, page.before ?? null, limit + 1);
    const records = await tx.decisionRecord.findMany({
      where: { tenantId: reader.tenantId, seq: { in: seqs.slice(0, limit) } },
      orderBy: { seq: "desc" },
      include: { feedback: { select: { rating: true, comment: true } } },
    });
    return { records, nextBefore: seqs.length > limit ? seqs[limit - 1]! : null };
  });
}

/**
 * One decision record, for a reader who is looking at it: the view is written to the audit events
 * (with the console filter the reader came from) in the same transaction, so no record is read
 * without a trace. Null when the tenant has no record with that id.
 */
export async function viewDecisionRecord(reader: AuthenticatedUser, id: string, from: ConsoleFilter = {}) {
  return withTenant(reader.tenantId, async (tx) => {
    const record = await tx.decisionRecord.findFirst({ where: { id, tenantId: reader.tenantId }, include: { feedback: true } });
    if (record) await logAuditEvent(tx, reader.tenantId, reader, { action: "record.viewed", recordId: record.id, filter: consoleFilterQuery(from) });
    return record;
  });
}

/** The console filter in the database's terms, with the person and group it names resolved to user ids. */
export async function resolveSearchFilter(tx: TenantTx, tenantId: string, filter: ConsoleFilter): Promise<SearchFilter> {
  let people: string[] | null = null;
  if (filter.user) {
    const users = await tx.user.findMany({ where: { tenantId, email: { equals: filter.user, mode: "insensitive" } }, select: { id: true } });
    people = users.map((u) => u.id);
  }
  if (filter.group) {
    const members = await tx.groupMembership.findMany({ where: { tenantId, groupId: filter.group }, select: { userId: true } });
    const ids = members.map((m) => m.userId);
    people = people ? people.filter((id) => ids.includes(id)) : ids;
  }
  return searchFilterOf(filter, people);
}

/**
 * How many of the newest records a word search reads in order before it turns to the words' index
 * (see migration audit_word_search). Measured at a million records (embedded database): words in
 * most records fill a page from this window in about 1 ms; a word found nowhere costs the window's
 * read, 8–32 ms at 2,000 records and 21–73 ms at 10,000.
 */
export const WORD_WINDOW = 2_000;

/** The seqs of matching records below `before`, newest first, at most `limit` (lore_audit_find). */
export async function matchingSeqs(tx: TenantTx, search: SearchFilter, before: number | null, limit: number, wordWindow = WORD_WINDOW): Promise<number[]> {
  const rows = await tx.$queryRaw<{ seq: number }[]>`
    SELECT lore_audit_find(${JSON.stringify(search)}::jsonb, ${before}::int, ${limit}::int, ${wordWindow}::int) AS seq`;
  return rows.map((row) => Number(row.seq));
}
