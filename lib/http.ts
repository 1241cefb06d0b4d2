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
