import { z } from "zod";
import { LoreError } from "@/lib/errors";
import { isCleanText } from "@/lib/text/hygiene";

/**
 * The fields that describe people and groups, checked the same way wherever they come in: the
 * people page's API, the CSV import, single sign-on claims and the workspace command.
 */
const unstorable = (what: string) => `${what} contains characters that cannot be stored (NUL or a broken surrogate).`;

export const emailSchema = z
  .string({ message: "Give an e-mail address." })
  .trim()
  .toLowerCase()
  .max(320, "An e-mail address can be at most 320 characters.")
  .pipe(z.email({ message: "This is not an e-mail address." }));

export const personNameSchema = z
  .string({ message: "Give the person's name." })
  .trim()
  .min(1, "Give the person's name.")
  .max(200, "A name can be at most 200 characters.")
  .refine((name) => isCleanText(name), { message: unstorable("The name") });

export const groupNameSchema = z
  .string({ message: "Give the group a name." })
  .trim()
  .min(1, "Give the group a name.")
  .max(100, "A group name can be at most 100 characters.")
  .refine((name) => isCleanText(name), { message: unstorable("The group name") });

export const roleSchema = z.enum(["employee", "admin", "auditor"], { message: "The role must be employee, admin or auditor." });

export const idSchema = z.uuid();

/** Checks input that may not have passed a route's schema (imports, claims, commands): a clear 400, never a crash. */
export function valid<Schema extends z.ZodType>(schema: Schema, input: unknown, surface: string): z.infer<Schema> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new LoreError("bad_request", surface, parsed.error.issues[0]?.message ?? "This is not valid.");
  return parsed.data;
}
