import { activityFilterSchema, listActivity } from "@/lib/auth/people/activity";
import { requireUser } from "@/lib/auth/session";
import { handleRoute } from "@/lib/http";
import { parseQuery } from "../query";

const SURFACE = "activity";

/** The admin activity log for auditors, newest first (?action=&actor=&target=&from=&to=&after=&limit=). */
export const GET = handleRoute(SURFACE, async (request: Request) => {
  const auditor = await requireUser(SURFACE, ["auditor"]);
  return Response.json(await listActivity(auditor.tenantId, parseQuery(request, activityFilterSchema, SURFACE)));
});
