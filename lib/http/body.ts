import "server-only";
import { LoreError } from "@/lib/errors";
import { cleanText } from "@/lib/text/hygiene";

/** How deep a JSON body may nest; no API of ours takes more than a handful of levels. */
export const MAX_JSON_DEPTH = 32;

/** "1.0 MB", "64 KB": limits as people read them. */
export function byteSize(bytes: number): string {
  const [amount, unit] = bytes >= 1024 * 1024 ? [bytes / (1024 * 1024), "MB"] : [bytes / 1024, "KB"];
  return `${Number.isInteger(amount) ? amount : amount.toFixed(1)} ${unit}`;
}

/** How large a body may be, and what a refusal says (given the size the request declared, or null when it sent more than it said). */
export type BodyLimit = { maxBytes: number; refusal?: (declaredBytes: number | null) => string };

function tooLarge(surface: string, limit: BodyLimit, declared: number | null): LoreError {
  const message =
    limit.refusal?.(declared) ??
    (declared === null
      ? `The request body is larger than the limit of ${byteSize(limit.maxBytes)}.`
      : `The request body is ${byteSize(declared)}; the limit is ${byteSize(limit.maxBytes)}.`);
  return new LoreError("payload_too_large", surface, message);
}

/** The body size a request declares, or null when it does not say (a chunked body). */
export function declaredLength(request: Request): number | null {
  const header = request.headers.get("content-length");
  if (header === null || !/^\d+$/.test(header.trim())) return null;
  return Number(header);
}

/** Refuses a request that announces a body larger than the limit, before a byte of it is read. */
export function refuseDeclaredOversize(request: Request, limit: BodyLimit, surface: string): void {
  const declared = declaredLength(request);
  if (declared !== null && declared > limit.maxBytes) throw tooLarge(surface, limit, declared);
}

/**
 * The body's bytes, counted while they arrive: the read stops and the request is refused (413) as
 * soon as more than `maxBytes` came in, whatever the request declared, so a body never costs more
 * memory than its endpoint's limit.
 */
export async function readBoundedBody(request: Request, limit: BodyLimit, surface: string): Promise<Uint8Array<ArrayBuffer>> {
  refuseDeclaredOversize(request, limit, surface);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit.maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge(surface, limit, null);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof LoreError) throw error;
    throw new LoreError("bad_request", surface, "The request body could not be read (the connection broke off).");
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * A JSON body as a value whose every string Postgres can store (NUL characters removed, lone
 * surrogates replaced: see lib/text/hygiene.ts). Text that is not UTF-8, not JSON, or nested deeper
 * than MAX_JSON_DEPTH is a 400 that says so.
 */
export function parseJsonText(bytes: Uint8Array, surface: string): unknown {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new LoreError("bad_request", surface, "The request body is not valid UTF-8 text.");
  }
  if (jsonDepth(text) > MAX_JSON_DEPTH) {
    throw new LoreError("bad_request", surface, `The request body is nested too deeply (more than ${MAX_JSON_DEPTH} levels).`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new LoreError("bad_request", surface, "The request body is not valid JSON.");
  }
  return cleanStrings(value);
}

// The deepest nesting of arrays and objects, counted on the text (one pass, no recursion) so that a
// hostile body is refused before anything walks it.
function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

// Depth is bounded by MAX_JSON_DEPTH before this runs, so the recursion is too.
function cleanStrings(value: unknown): unknown {
  if (typeof value === "string") return cleanText(value);
  if (Array.isArray(value)) return value.map(cleanStrings);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [cleanText(key), cleanStrings(inner)]));
  }
  return value;
}

/** A multipart body, read within the limit, as FormData. */
export async function readBoundedForm(request: Request, limit: BodyLimit, surface: string): Promise<FormData> {
  const bytes = await readBoundedBody(request, limit, surface);
  try {
    return await new Response(bytes, { headers: { "content-type": request.headers.get("content-type") ?? "" } }).formData();
  } catch {
    throw new LoreError("bad_request", surface, "The request body is not valid multipart/form-data.");
  }
}
