import { z } from "zod";
import { parseConsoleFilter } from "@/lib/audit/console-filter";
import { exportDecisionRecords } from "@/lib/audit/export";
import { AUDIT_READERS } from "@/lib/audit/readers";
import { LoreError } from "@/lib/errors";
import { route } from "@/lib/http";

const CONTENT_TYPES = { csv: "text/csv; charset=utf-8", jsonl: "application/x-ndjson; charset=utf-8" } as const;

/**
 * The records that match the console's filter (its query fields) as a file, `format` csv or jsonl,
 * streamed, with the checkpoint that covers them. The export is written to the audit events. A log
 * that does not verify is exported too, unsigned, and says so: `X-Lore-Chain-Verified: false`, the
 * first broken record in `X-Lore-Chain-Broken-At`, and the file's first line (lib/audit/export.ts).
 */
export const GET = route({ surface: "audit", roles: AUDIT_READERS }, async ({ user: reader, request }) => {
  const params = new URL(request.url).searchParams;
  const format = z.enum(["csv", "jsonl"]).safeParse(params.get("format") ?? "csv");
  if (!format.success) throw new LoreError("bad_request", "audit", `"format" must be csv or jsonl, not "${params.get("format")?.slice(0, 40)}".`);
  const filter = parseConsoleFilter(params);
  const { stream, checkpoint, verification, filename } = await exportDecisionRecords(reader, filter, format.data);
  return new Response(stream, {
    headers: {
      "content-type": CONTENT_TYPES[format.data],
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
      "x-lore-chain-verified": String(verification.verified),
      "x-lore-export-through": String(verification.through),
      ...(verification.verified ? {} : { "x-lore-chain-broken-at": String(verification.brokenAtSeq) }),
      ...(checkpoint ? { "x-lore-checkpoint-seq": String(checkpoint.seq), "x-lore-checkpoint-hash": checkpoint.hash } : {}),
    },
  });
});
