import { listDecisionRecords } from "@/lib/audit/queries";
import { AUDIT_READERS } from "@/lib/audit/readers";
import { route } from "@/lib/http";
import { recordsQuerySchema } from "./schema";

export const GET = route({ surface: "audit", roles: AUDIT_READERS, query: recordsQuerySchema }, async ({ user, query }) =>
  Response.json({ records: await listDecisionRecords(user, { limit: query.limit }) }),
);
