import { activityFilterSchema, listActivity } from "@/lib/auth/people/activity";
import { route } from "@/lib/http";

/** The admin activity log for auditors, newest first (?action=&actor=&target=&from=&to=&after=&limit=). */
export const GET = route({ surface: "activity", roles: ["auditor"], query: activityFilterSchema }, async ({ user, query }) =>
  Response.json(await listActivity(user.tenantId, query)),
);
