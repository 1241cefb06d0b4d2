import { z } from "zod";
import { Outcome } from "@/lib/generated/prisma/enums";
import { LoreError } from "@/lib/errors";

/**
 * The audit console's filter, as it lives in the page's URL (`/audit?outcome=blocked&rule=input.pii.email`)
 * so that a filtered view can be bookmarked, shared, exported and logged as what it is. Every field is
 * optional; together they narrow (AND). Dates are UTC days, both ends included.
 */
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date (YYYY-MM-DD)")
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), "must be a real date");
const name = z
  .string()
  .trim()
  .regex(/^[\w.-]{1,100}$/, "must be a name such as input.pii.email");

export const consoleFilterSchema = z
  .object({
    from: day,
    to: day,
    /** a person, by e-mail */
    user: z.string().trim().toLowerCase().min(3).max(320),
    /** a group's id: the records of its current members */
    group: z.uuid(),
    outcome: z.enum(Object.values(Outcome) as [Outcome, ...Outcome[]]),
    /** a policy rule's path, e.g. "input.pii.email" */
    rule: name,
    /** a detector, e.g. "email", "prompt_injection" */
    detector: name,
    action: z.enum(["allow", "redact", "mask", "block", "withhold", "flag"]),
    /** "yes": a rule on trial found something (the rule above, if given); "no": none did */
    trial: z.enum(["yes", "no"]),
    /** a policy version number, or "default" for the built-in policy */
    policy: z.union([z.literal("default"), z.coerce.number().int().positive().max(1_000_000).transform(String)]),
    model: z.string().trim().min(1).max(200),
    feedback: z.enum(["up", "down", "any", "none"]),
    /** words that must all appear (or begin a word) in the stored question or answer */
    q: z.string().trim().min(1).max(200),
  })
  .partial()
  .refine((filter) => !filter.from || !filter.to || filter.from <= filter.to, { message: "must not be before the start date", path: ["to"] });

export type ConsoleFilter = z.infer<typeof consoleFilterSchema>;

/** The filter's fields in the order they appear in a URL. */
export const FILTER_FIELDS = [
  "from",
  "to",
  "user",
  "group",
  "outcome",
  "rule",
  "detector",
  "action",
  "trial",
  "policy",
  "model",
  "feedback",
  "q",
] as const satisfies readonly (keyof ConsoleFilter)[];

/**
 * Reads the filter from a URL's query. Empty fields are ignored (a submitted form sends them); a
 * field that is there but wrong is a 400 naming it.
 */
export function parseConsoleFilter(params: URLSearchParams, surface = "audit"): ConsoleFilter {
  const given = Object.fromEntries(FILTER_FIELDS.map((field) => [field, params.get(field)?.trim() || undefined]).filter(([, value]) => value !== undefined));
  const parsed = consoleFilterSchema.safeParse(given);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new LoreError("bad_request", surface, `The filter's "${issue.path.join(".")}" ${issue.message}.`);
  }
  return parsed.data;
}

/** The filter as a URL query, fields in a fixed order ("" when nothing is filtered). */
export function consoleFilterQuery(filter: ConsoleFilter): string {
  const params = new URLSearchParams();
  for (const field of FILTER_FIELDS) if (filter[field] !== undefined) params.set(field, String(filter[field]));
  return params.toString();
}

export function isFiltered(filter: ConsoleFilter): boolean {
  return FILTER_FIELDS.some((field) => filter[field] !== undefined);
}

/**
 * The filter as the database's search functions take it (lore_audit_find and friends, migration
 * "audit_console"): tags a record must all have, tags of which it must have one (the people asked
 * for), tags it must not have, a time range (`to` exclusive) and the words. The tags are the words
 * lore_decision_tags gives each record. `people`: the user ids the user and group fields resolve to
 * (an empty list matches nothing), or null when neither is given.
 */
export type SearchFilter = { all: string[]; any?: string[]; none: string[]; from?: string; to?: string; words?: string; feedback?: ConsoleFilter["feedback"] };

export function searchFilterOf(filter: ConsoleFilter, people: string[] | null): SearchFilter {
  const all: string[] = [];
  const none: string[] = [];
  if (filter.outcome) all.push(`outcome:${filter.outcome}`);
  if (filter.rule) all.push(`rule:${filter.rule}`);
  if (filter.detector) all.push(`detector:${filter.detector}`);
  if (filter.action) all.push(`action:${filter.action}`);
  if (filter.model) all.push(`model:${filter.model}`);
  if (filter.policy) all.push(`policy:${filter.policy}`);
  const trialTag = filter.rule ? `trial:${filter.rule}` : "trial";
  if (filter.trial === "yes") all.push(trialTag);
  if (filter.trial === "no") none.push(trialTag);
  return {
    all,
    none,
    ...(people ? { any: people.map((id) => `user:${id}`) } : {}),
    ...(filter.from ? { from: `${filter.from}T00:00:00.000Z` } : {}),
    ...(filter.to ? { to: new Date(Date.parse(`${filter.to}T00:00:00Z`) + 86_400_000).toISOString() } : {}),
    ...(filter.q ? { words: filter.q } : {}),
    ...(filter.feedback ? { feedback: filter.feedback } : {}),
  };
}

/** A page's searchParams (as Next.js hands them over) as a URL query; a repeated field keeps its first value. */
export function urlSearchParams(params: Record<string, string | string[] | undefined>): URLSearchParams {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) query.set(key, first);
  }
  return query;
}

/** The keyset cursor of a page ("before=<seq>"): a positive whole number, or none. */
export function parseCursor(value: string | null): number | undefined {
  if (value === null || value === "") return undefined;
  const seq = Number(value);
  if (!Number.isSafeInteger(seq) || seq < 1)
    throw new LoreError("bad_request", "audit", `The page cursor "before" must be a record number, not "${value.slice(0, 40)}".`);
  return seq;
}
