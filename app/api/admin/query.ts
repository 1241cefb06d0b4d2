import type { z } from "zod";
import { LoreError } from "@/lib/errors";

/** Parses a GET request's query string with the route's schema; a bad parameter is a 400 naming it. */
export function parseQuery<Schema extends z.ZodType>(request: Request, schema: Schema, surface: string): z.infer<Schema> {
  const params = Object.fromEntries([...new URL(request.url).searchParams].filter(([, value]) => value !== ""));
  const parsed = schema.safeParse(params);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new LoreError("bad_request", surface, `${issue?.path.join(".") || "query"}: ${issue?.message ?? "not valid"}`);
  }
  return parsed.data;
}
