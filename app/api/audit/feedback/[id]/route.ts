import { z } from "zod";
import { triageChangeSchema, triageFeedback } from "@/lib/audit/feedback-triage";
import { AUDIT_READERS } from "@/lib/audit/readers";
import { requireUser } from "@/lib/auth/session";
import { LoreError } from "@/lib/errors";
import { handleRoute, parseJsonBody } from "@/lib/http";

/** Triage one piece of feedback: `label`, `assignee` (an e-mail, or null), `resolve: { note }` or `reopen: true`. */
export const PATCH = handleRoute("audit", async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const reader = await requireUser("audit", AUDIT_READERS);
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) throw new LoreError("not_found", "audit", "There is no feedback with that id in this workspace.");
  const change = await parseJsonBody(request, triageChangeSchema, "audit");
  return Response.json({ feedback: await triageFeedback(reader, id, change) });
});
