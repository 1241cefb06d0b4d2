import { z } from "zod";
import { parseConsoleFilter } from "@/lib/audit/console-filter";
import { viewDecisionRecord } from "@/lib/audit/queries";
import { AUDIT_READERS } from "@/lib/audit/readers";
import { requireUser } from "@/lib/auth/session";
import { LoreError } from "@/lib/errors";
import { handleRoute } from "@/lib/http";

/** One decision record; reading it is written to the audit events (with the console filter given as query fields, if any). */
export const GET = handleRoute("audit", async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const reader = await requireUser("audit", AUDIT_READERS);
  const { id } = await params;
  const from = parseConsoleFilter(new URL(request.url).searchParams);
  const record = z.uuid().safeParse(id).success ? await viewDecisionRecord(reader, id, from) : null;
  if (!record) throw new LoreError("not_found", "audit", "There is no decision record with that id in this workspace.");
  return Response.json({ record });
});
