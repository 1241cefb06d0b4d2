import { requireUser } from "@/lib/auth/session";
import { recordFeedback } from "@/lib/audit/feedback";
import { handleRoute, parseJsonBody } from "@/lib/http";
import { feedbackSchema } from "./schema";

export const POST = handleRoute("feedback", async (request: Request) => {
  const user = await requireUser("feedback");
  const body = await parseJsonBody(request, feedbackSchema, "feedback");
  await recordFeedback(user, body);
  return Response.json({ ok: true });
});
