import { z } from "zod";
import { triageChangeSchema, triageFeedback } from "@/lib/audit/feedback-triage";
import { AUDIT_READERS } from "@/lib/audit/readers";
import { jsonBody, route } from "@/lib/http";

/** Triage one piece of feedback: `label`, `assignee` (an e-mail, or null), `resolve: { note }` or `reopen: true`. */
export const PATCH = route(
  {
    surface: "audit",
    roles: AUDIT_READERS,
    params: { id: z.uuid() },
    notFound: "There is no feedback with that id in this workspace.",
    body: jsonBody(triageChangeSchema, { maxBytes: 16 * 1024 }),
  },
  async ({ user, params, body }) => Response.json({ feedback: await triageFeedback(user, params.id, body) }),
);
