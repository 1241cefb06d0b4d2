import { purgeExpiredRecords } from "@/lib/audit/purge";
import { RETENTION_SETTERS } from "@/lib/audit/retention";
import { route } from "@/lib/http";

/** Purges the workspace's expired records that no legal hold covers, now (admins only; recorded as an audit event). */
export const POST = route({ surface: "audit", roles: RETENTION_SETTERS }, async ({ user }) =>
  Response.json({ purge: await purgeExpiredRecords(user.tenantId, user, "on_demand") }),
);
