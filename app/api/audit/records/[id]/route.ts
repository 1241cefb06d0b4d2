import { z } from "zod";
import { parseConsoleFilter } from "@/lib/audit/console-filter";
import { viewDecisionRecord } from "@/lib/audit/queries";
import { AUDIT_READERS } from "@/lib/audit/readers";
import { LoreError } from "@/lib/errors";
import { route } from "@/lib/http";

/** One decision record; reading it is written to the audit events (with the console filter given as query fields, if any). */
const NOT_FOUND = "There is no decision record with that id in this workspace.";

export const GET = route({ surface: "audit", roles: AUDIT_READERS, params: { id: z.uuid() }, notFound: NOT_FOUND }, async ({ user, params, request }) => {
  const from = parseConsoleFilter(new URL(request.url).searchParams);
  const record = await viewDecisionRecord(user, params.id, from);
  if (!record) throw new LoreError("not_found", "audit", NOT_FOUND);
  return Response.json({ record });
});
