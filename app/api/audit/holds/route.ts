import { HOLD_KEEPERS, holdRequestSchema, listHolds, placeHold } from "@/lib/audit/legal-holds";
import { AUDIT_READERS } from "@/lib/audit/readers";
import { jsonBody, route } from "@/lib/http";

/** The workspace's legal holds, active ones first. */
export const GET = route({ surface: "audit", roles: AUDIT_READERS }, async ({ user }) => Response.json({ holds: await listHolds(user) }));

/** Places a legal hold: `{ scope: "tenant", reason }`, `{ scope: "user", email, reason }` or `{ scope: "dates", from, to, reason }` (days YYYY-MM-DD, both included). */
export const POST = route({ surface: "audit", roles: HOLD_KEEPERS, body: jsonBody(holdRequestSchema, { maxBytes: 16 * 1024 }) }, async ({ user, body }) =>
  Response.json({ hold: await placeHold(user, body) }, { status: 201 }),
);
