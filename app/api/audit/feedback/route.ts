import { z } from "zod";
import { FEEDBACK_LABELS, feedbackQueue } from "@/lib/audit/feedback-triage";
import { AUDIT_READERS } from "@/lib/audit/readers";
import { LoreError } from "@/lib/errors";
import { route } from "@/lib/http";

const queueFilterSchema = z
  .object({
    status: z.enum(["open", "resolved"]),
    label: z.enum(FEEDBACK_LABELS),
    assignee: z.enum(["me", "nobody"]),
    rating: z.enum(["up", "down"]),
  })
  .partial();

/** The feedback queue, oldest first: `status`, `label`, `assignee` (me, nobody) and `rating` narrow it. */
export const GET = route({ surface: "audit", roles: AUDIT_READERS }, async ({ user: reader, request }) => {
  const params = new URL(request.url).searchParams;
  const parsed = queueFilterSchema.safeParse(Object.fromEntries([...params].filter(([, value]) => value !== "")));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new LoreError("bad_request", "audit", `The queue's "${issue.path.join(".")}" ${issue.message}.`);
  }
  return Response.json(await feedbackQueue(reader, parsed.data));
});
