import { AUDIT_READERS } from "@/lib/audit/readers";
import { RETENTION_SETTERS, retentionChangeSchema, retentionStatus, setRetention } from "@/lib/audit/retention";
import { jsonBody, route } from "@/lib/http";

/** The workspace's retention of decision records, what a purge would remove now and what legal holds keep. */
export const GET = route({ surface: "audit", roles: AUDIT_READERS }, async ({ user }) => Response.json({ retention: await retentionStatus(user) }));

/** Sets the workspace's retention: `{ days }` (admins only; recorded as an audit event). */
export const PUT = route({ surface: "audit", roles: RETENTION_SETTERS, body: jsonBody(retentionChangeSchema, { maxBytes: 1024 }) }, async ({ user, body }) => {
  await setRetention(user, body.days);
  return Response.json({ retention: await retentionStatus(user) });
});
