import { z } from "zod";
import { policyRulesSchema } from "@/lib/guardrails/policy";
import { SANDBOX_KINDS } from "@/lib/guardrails/sandbox";

const MAX_CHARS = 20_000;

/** A policy draft (not saved) and the text to try it on. */
export const sandboxSchema = z.object({
  rules: policyRulesSchema,
  kind: z.enum(SANDBOX_KINDS, { message: "kind must be question, document or answer." }),
  text: z.string().min(1, "Paste a text to try the policy on.").max(MAX_CHARS, `The text can be at most ${MAX_CHARS} characters.`),
  sources: z
    .array(z.string().max(MAX_CHARS, `A source passage can be at most ${MAX_CHARS} characters.`))
    .max(20, "At most 20 source passages.")
    .optional(),
});

/** A draft policy (up to 2 MB, see ../schema.ts) and 21 texts of 20,000 characters (1.3 MB of Korean UTF-8). */
export const SANDBOX_BODY_LIMIT = { maxBytes: 4 * 1024 * 1024 };
