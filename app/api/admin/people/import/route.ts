import { applyImport, MAX_IMPORT_BYTES, previewImport } from "@/lib/auth/people/csv-import";
import { requireUser } from "@/lib/auth/session";
import { LoreError } from "@/lib/errors";
import { handleRoute, parseJsonBody, refuseCrossSite } from "@/lib/http";
import { importRequestSchema } from "./schema";

const SURFACE = "people-import";

/**
 * People and memberships from a CSV file: mode "preview" answers what would change (nothing is
 * changed); mode "apply" with the preview's fingerprint applies it. The file comes as
 * multipart/form-data (fields file, mode, fingerprint) or as JSON { csv, mode, fingerprint }.
 */
export const POST = handleRoute(SURFACE, async (request: Request) => {
  refuseCrossSite(request, SURFACE);
  const admin = await requireUser(SURFACE, ["admin"]);
  const { bytes, mode, fingerprint } = await readImportRequest(request);
  if (mode === "preview") return Response.json({ plan: await previewImport(admin, bytes) });
  if (!fingerprint) throw new LoreError("bad_request", SURFACE, "Preview the file first, then apply it with the preview's fingerprint.");
  return Response.json(await applyImport(admin, bytes, fingerprint));
});

async function readImportRequest(request: Request): Promise<{ bytes: Uint8Array; mode: "preview" | "apply"; fingerprint?: string }> {
  if (!(request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
    const body = await parseJsonBody(request, importRequestSchema, SURFACE);
    return { bytes: new TextEncoder().encode(body.csv), mode: body.mode, fingerprint: body.fingerprint };
  }
  if (Number(request.headers.get("content-length") ?? "0") > MAX_IMPORT_BYTES + 64 * 1024) {
    throw new LoreError("payload_too_large", SURFACE, `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB; split it.`);
  }
  const form = await request.formData().catch(() => null);
  const file = form?.get("file");
  if (!form || !(file instanceof File)) throw new LoreError("bad_request", SURFACE, 'Send the CSV file as multipart/form-data with a "file" field.');
  const fields = importRequestSchema.omit({ csv: true }).safeParse({ mode: form.get("mode") ?? undefined, fingerprint: form.get("fingerprint") ?? undefined });
  if (!fields.success) throw new LoreError("bad_request", SURFACE, fields.error.issues[0]?.message ?? "The form is not valid.");
  return { bytes: new Uint8Array(await file.arrayBuffer()), ...fields.data };
}
