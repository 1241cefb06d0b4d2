import { listDecisionRecords } from "@/lib/audit/queries";
import { route } from "@/lib/http";
import { recordsQuerySchema } from "./schema";

export const GET = route({ surface: "audit", roles: ["auditor"], query: recordsQuerySchema }, async ({ user, query }) =>
  Response.json({ records: await listDecisionRecords(user, { limit: query.limit }) }),
);
