import { applyImport, MAX_IMPORT_BYTES, previewImport } from "@/lib/auth/people/csv-import";
import { LoreError } from "@/lib/errors";
import { route } from "@/lib/http";
import { parseJsonText, readBoundedBody, readBoundedForm } from "@/lib/http/body";
import { importRequestSchema } from "./schema";

const SURFACE = "people-import";
// The file plus the form's few other fields (multipart), or its text in JSON (escaping may double it).
const FORM_LIMIT = { maxBytes: MAX_IMPORT_BYTES + 64 * 1024, refusal: () => `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB; split it.` };
const JSON_LIMIT = { maxBytes: 2 * MAX_IMPORT_BYTES + 64 * 1024, refusal: () => `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB; split it.` };

/**
 * People and memberships from a CSV file: mode "preview" answers what would change (nothing is
 * changed); mode "apply" with the preview's fingerprint applies it. The file comes as
 * multipart/form-data (fields file, mode, fingerprint) or as JSON { csv, mode, fingerprint }, so the
 * body is read here, within the limits above, rather than by one body spec.
 */
export const POST = route({ surface: SURFACE, roles: ["admin"], cost: "expensive" }, async ({ user, request }) => {
  const { bytes, mode, fingerprint } = await readImportRequest(request);
  if (mode === "preview") return Response.json({ plan: await previewImport(user, bytes) });
  if (!fingerprint) throw new LoreError("bad_request", SURFACE, "Preview the file first, then apply it with the preview's fingerprint.");
  return Response.json(await applyImport(user, bytes, fingerprint));
});

async function readImportRequest(request: Request): Promise<{ bytes: Uint8Array; mode: "preview" | "apply"; fingerprint?: string }> {
  const type = request.headers.get("content-type") ?? "";
  if (type.startsWith("application/json")) {
    const body = importRequestSchema.safeParse(parseJsonText(await readBoundedBody(request, JSON_LIMIT, SURFACE), SURFACE));
    if (!body.success) throw new LoreError("bad_request", SURFACE, body.error.issues[0]?.message ?? "The request body is not valid.");
    return { bytes: new TextEncoder().encode(body.data.csv), mode: body.data.mode, fingerprint: body.data.fingerprint };
  }
  if (!type.startsWith("multipart/form-data"))
    throw new LoreError("unsupported_media_type", SURFACE, "Send the CSV file as multipart/form-data, or its text as JSON.");
  const form = await readBoundedForm(request, FORM_LIMIT, SURFACE);
  const file = form.get("file");
  if (!(file instanceof File)) throw new LoreError("bad_request", SURFACE, 'Send the CSV file as multipart/form-data with a "file" field.');
  const fields = importRequestSchema.omit({ csv: true }).safeParse({ mode: form.get("mode") ?? undefined, fingerprint: form.get("fingerprint") ?? undefined });
  if (!fields.success) throw new LoreError("bad_request", SURFACE, fields.error.issues[0]?.message ?? "The form is not valid.");
  return { bytes: new Uint8Array(await file.arrayBuffer()), ...fields.data };
}
