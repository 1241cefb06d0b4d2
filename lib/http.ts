import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import { config } from "@/lib/config";
import type { AuthenticatedUser } from "@/lib/auth/user";
import { LoreError, type ErrorType } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { parseJsonText, readBoundedBody, readBoundedForm, refuseDeclaredOversize, type BodyLimit } from "@/lib/http/body";
import { admitCost, type RequestCost } from "@/lib/http/rate-limits";
import { crossSiteMessage, crossSiteReason } from "@/lib/http/same-origin";
import { logger, withRequestId } from "@/lib/log";
import { recordHttpRequest } from "@/lib/metrics/record";

/**
 * Every route handler in app/api is written with `route(spec, handler)`, in the spirit of tRPC/t3
 * procedures. The spec says who may call (roles, or `public`), what the path parameters, query and
 * body must be (zod schemas; a body with a size limit that is enforced while it streams in), and the
 * handler receives them validated and typed, with the signed-in user. Nothing is read before it is
 * checked, cheapest check first:
 *
 *   a state-changing request from another site (403, lib/http/same-origin.ts) →
 *   declared body size (413) → session and role (401, 403) → content type (415) →
 *   the person's allowance of expensive requests (429, lib/http/rate-limits.ts) →
 *   path parameters (404: an id that does not parse names nothing) → query (400 naming the parameter) →
 *   body, counted while read (413), parsed and validated (400) → handler
 *
 * Whatever a handler throws becomes a JSON error `{ code, message, requestId }`: a LoreError keeps its
 * status and message (its `type` is the union ErrorType, see lib/errors.ts), anything else is a bug
 * and a generic 500 whose details go to the log only. Every response carries X-Request-Id, and every
 * log line written while the request is handled carries the same id (lib/log.ts). Each request is
 * counted and timed by route pattern (lib/metrics).
 */

/** Path parameters: each a schema over the segment's text. */
type ParamSchemas = Record<string, z.ZodType>;

/** A JSON body (application/json), validated by `schema`, of at most `maxBytes`. */
type JsonBodySpec<Schema extends z.ZodType = z.ZodType> = { kind: "json"; schema: Schema; limit: BodyLimit };
/** A multipart/form-data body of at most the limit (read when the request comes, so configuration can change it). */
type FormBodySpec = { kind: "multipart"; limit: () => BodyLimit };
type BodySpec = JsonBodySpec | FormBodySpec;

export function jsonBody<Schema extends z.ZodType>(schema: Schema, limit: BodyLimit): JsonBodySpec<Schema> {
  return { kind: "json", schema, limit };
}

export function formBody(limit: () => BodyLimit): FormBodySpec {
  return { kind: "multipart", limit };
}

export type RouteSpec = {
  /** Names where an error came from: the second half of its code ("not_found:documents"). */
  surface: string;
  /** Roles allowed; omitted, any signed-in user. */
  roles?: readonly Role[];
  /** No session needed (the handler gets `user: null`). */
  public?: true;
  params?: ParamSchemas;
  /** What a 404 for a path parameter that does not parse says ("That document does not exist."). */
  notFound?: string;
  query?: z.ZodType;
  body?: BodySpec;
  /** "expensive" requests count against the person's allowance per minute; an "upload" also takes one of their few upload slots. */
  cost?: RequestCost;
};

type Nothing = Record<never, never>;

export type RouteInput<Spec extends RouteSpec> = {
  request: Request;
  requestId: string;
  user: Spec extends { public: true } ? null : AuthenticatedUser;
  params: Spec["params"] extends ParamSchemas ? { [Name in keyof Spec["params"]]: z.output<Spec["params"][Name]> } : Nothing;
  query: Spec["query"] extends z.ZodType ? z.output<Spec["query"]> : Nothing;
  body: Spec["body"] extends JsonBodySpec<infer Schema> ? z.output<Schema> : Spec["body"] extends FormBodySpec ? FormData : undefined;
};

/** The JSON body of every error response. */
export type ErrorBody = { code: `${ErrorType}:${string}` | `internal:${string}`; message: string; requestId: string };

type RawParams = Record<string, string | string[] | undefined>;
/** What Next.js passes a route handler besides the request. */
type NextRouteContext = { params: Promise<RawParams> };

export function route<const Spec extends RouteSpec>(spec: Spec, handler: (input: RouteInput<Spec>) => Promise<Response>) {
  return async (request: Request, context: NextRouteContext): Promise<Response> => {
    const requestId = requestIdOf(request);
    const started = performance.now();
    return withRequestId(requestId, async () => {
      const rawParams = (await context.params) ?? {};
      const pattern = routePattern(new URL(request.url).pathname, rawParams);
      let response: Response;
      let release = () => {};
      try {
        const admitted = await admit(spec, request, rawParams, pattern, requestId);
        release = admitted.release;
        response = await handler(admitted.input as RouteInput<Spec>);
      } catch (error) {
        response = errorResponse(error, spec.surface, requestId);
      } finally {
        release();
      }
      recordHttpRequest(pattern, request.method, response.status, (performance.now() - started) / 1000);
      return withHeader(response, "x-request-id", requestId);
    });
  };
}

async function admit(spec: RouteSpec, request: Request, rawParams: RawParams, pattern: string, requestId: string) {
  const { surface } = spec;
  const crossSite = crossSiteReason(request, config().appOrigin);
  if (crossSite) throw new LoreError("forbidden", surface, crossSiteMessage(crossSite));
  const limit = spec.body ? (spec.body.kind === "json" ? spec.body.limit : spec.body.limit()) : null;
  if (limit) refuseDeclaredOversize(request, limit, surface);
  const user = spec.public ? null : await requireUser(surface, spec.roles);
  if (spec.body) requireContentType(request, spec.body.kind, surface);
  const release = spec.cost && user ? await admitCost(spec.cost, user.id, pattern, surface) : () => {};
  try {
    return { input: await validatedInput(spec, request, rawParams, requestId, user, limit), release };
  } catch (error) {
    release();
    throw error;
  }
}

async function validatedInput(
  spec: RouteSpec,
  request: Request,
  rawParams: RawParams,
  requestId: string,
  user: AuthenticatedUser | null,
  limit: BodyLimit | null,
) {
  const { surface } = spec;
  const params = parseParams(spec, rawParams);
  const query = spec.query ? parseQuery(spec.query, request, surface) : {};
  let body: unknown;
  if (spec.body?.kind === "json") {
    const value = parseJsonText(await readBoundedBody(request, spec.body.limit, surface), surface);
    body = parseInput(spec.body.schema, value, surface, "The request body is not valid.");
  } else if (spec.body?.kind === "multipart" && limit) {
    body = await readBoundedForm(request, limit, surface);
  }
  return { request, requestId, user, params, query, body };
}

const CONTENT_TYPES = { json: "application/json", multipart: "multipart/form-data" } as const;

// A body of the wrong type is refused before it is read: a form or text/plain post is also what a
// forged cross-site request would send, and nothing else is parsed the way a JSON API expects.
function requireContentType(request: Request, kind: BodySpec["kind"], surface: string): void {
  const expected = CONTENT_TYPES[kind];
  const actual = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (actual !== expected) {
    throw new LoreError("unsupported_media_type", surface, `Send the request body as ${expected}${actual ? ` (not ${actual})` : ""}.`);
  }
}

function parseParams(spec: RouteSpec, raw: RawParams): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(spec.params ?? {})) {
    const parsed = schema.safeParse(raw[name]);
    if (!parsed.success) throw new LoreError("not_found", spec.surface, spec.notFound ?? "There is nothing at this address.");
    params[name] = parsed.data;
  }
  return params;
}

// An empty parameter (?q=) means "not given"; a bad one is a 400 that names it.
function parseQuery(schema: z.ZodType, request: Request, surface: string): unknown {
  const given = Object.fromEntries([...new URL(request.url).searchParams].filter(([, value]) => value !== ""));
  const parsed = schema.safeParse(given);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new LoreError("bad_request", surface, `${issue?.path.join(".") || "query"}: ${issue?.message ?? "not valid"}`);
}

function parseInput(schema: z.ZodType, value: unknown, surface: string, fallback: string): unknown {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new LoreError("bad_request", surface, parsed.error.issues[0]?.message ?? fallback);
  return parsed.data;
}

function errorResponse(error: unknown, surface: string, requestId: string): Response {
  if (error instanceof LoreError) {
    if (error.status >= 500) logger().warn({ err: error, surface }, "route answered with a server error");
    return errorJson({ code: error.code as ErrorBody["code"], message: error.message, requestId }, error.status, error.headers);
  }
  logger().error({ err: error, surface }, "unhandled error in route");
  return errorJson({ code: `internal:${surface}`, message: "Something went wrong on our side. Please try again.", requestId }, 500);
}

function errorJson(body: ErrorBody, status: number, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers });
}

/**
 * The route as its folder names it ("/api/documents/[id]/readers"), for metrics and per-route
 * allowances: the path with each parameter's value put back as its name. A segment that still looks
 * like an id (a UUID or a number) is named too, so a label never carries one.
 */
function routePattern(pathname: string, params: RawParams): string {
  const names = new Map<string, string>();
  for (const [name, value] of Object.entries(params)) for (const part of [value ?? []].flat()) names.set(part, name);
  return pathname
    .split("/")
    .map((segment) => {
      const decoded = safeDecode(segment);
      const name = names.get(decoded);
      if (name) return `[${name}]`;
      return /^[0-9a-f]{8}-[0-9a-f-]{27}$|^\d+$/i.test(decoded) ? "[id]" : segment;
    })
    .join("/");
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

// A caller (or a proxy in front of us) may name the request, so its logs and ours line up; anything
// that is not a short plain token is replaced rather than written into log lines.
function requestIdOf(request: Request): string {
  const given = request.headers.get("x-request-id");
  return given && /^[\w.:-]{1,64}$/.test(given) ? given : randomUUID();
}

function withHeader(response: Response, name: string, value: string): Response {
  try {
    response.headers.set(name, value);
    return response;
  } catch {
    // Headers of a response that came from elsewhere (a fetch) are immutable: copy them.
    const copy = new Response(response.body, response);
    copy.headers.set(name, value);
    return copy;
  }
}
