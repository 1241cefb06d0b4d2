import { recordFeedback } from "@/lib/audit/feedback";
import { jsonBody, route } from "@/lib/http";
import { FEEDBACK_BODY_LIMIT, feedbackSchema } from "./schema";

export const POST = route({ surface: "feedback", body: jsonBody(feedbackSchema, FEEDBACK_BODY_LIMIT) }, async ({ user, body }) => {
  await recordFeedback(user, body);
  return Response.json({ ok: true });
});
