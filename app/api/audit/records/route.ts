import { parseConsoleFilter, parseCursor } from "@/lib/audit/console-filter";
import { findDecisionRecords, MAX_PAGE_SIZE } from "@/lib/audit/queries";
import { AUDIT_READERS } from "@/lib/audit/readers";
import { LoreError } from "@/lib/errors";
import { route } from "@/lib/http";

/** A page of decision records: the console's filter as query fields, `before` (the previous page's `nextBefore`) and `limit`. */
export const GET = route({ surface: "audit", roles: AUDIT_READERS }, async ({ user, request }) => {
  const params = new URL(request.url).searchParams;
  const filter = parseConsoleFilter(params);
  const before = parseCursor(params.get("before"));
  const limit = params.has("limit") ? Number(params.get("limit")) : undefined;
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= MAX_PAGE_SIZE)) {
    throw new LoreError("bad_request", "audit", `"limit" must be a whole number from 1 to ${MAX_PAGE_SIZE}.`);
  }
  return Response.json(await findDecisionRecords(user, filter, { before, limit }));
});
