import "server-only";
import type { z } from "zod";
import { LoreError } from "@/lib/errors";
import { logger } from "@/lib/log";

/** Wraps a route handler so that every failure becomes a clear JSON error and none crashes the server. */
export function handleRoute<Args extends unknown[]>(surface: string, handler: (...args: Args) => Promise<Response>) {
  return async (...args: Args): Promise<Response> => {
    try {
      return await handler(...args);
    } catch (error) {
      if (error instanceof LoreError) return error.toResponse();
      logger().error({ err: error, surface }, "unhandled error in route");
      return Response.json({ code: `internal:${surface}`, message: "Something went wrong on our side. Please try again." }, { status: 500 });
    }
  };
}

/** Parses a JSON body with the route's schema; a malformed body is a 400 that says which field is wrong. */
export async function parseJsonBody<Schema extends z.ZodType>(request: Request, schema: Schema, surface: string): Promise<z.infer<Schema>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new LoreError("bad_request", surface, "The request body is not valid JSON.");
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new LoreError("bad_request", surface, issue?.message ?? "The request body is not valid.");
  }
  return parsed.data;
}

/**
 * Refuses a state-changing request another site's page made the browser send (with the session
 * cookie attached): browsers say where a request comes from in Sec-Fetch-Site, or at least Origin.
 * Requests without either (scripts, curl) carry no ambient cookie from a browser and pass.
 */
export function refuseCrossSite(request: Request, surface: string): void {
  const site = request.headers.get("sec-fetch-site");
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  const crossSite = site ? !["same-origin", "none"].includes(site) : origin !== null && hostOf(origin) !== host;
  if (crossSite) throw new LoreError("forbidden", surface, "This request came from another site and was refused.");
}

function hostOf(origin: string): string | null {
  return URL.canParse(origin) ? new URL(origin).host : null;
}
