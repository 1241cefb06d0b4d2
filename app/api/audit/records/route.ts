import { requireUser } from "@/lib/auth/session";
import { listDecisionRecords } from "@/lib/audit/queries";
import { AUDIT_READERS } from "@/lib/audit/readers";
import { handleRoute } from "@/lib/http";

export const GET = handleRoute("audit", async (request: Request) => {
  const auditor = await requireUser("audit", AUDIT_READERS);
  const limit = Number(new URL(request.url).searchParams.get("limit") ?? "100");
  return Response.json({ records: await listDecisionRecords(auditor, { limit: Number.isFinite(limit) && limit > 0 ? limit : 100 }) });
});
