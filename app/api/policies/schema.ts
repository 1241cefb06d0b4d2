import { z } from "zod";

/**
 * A new policy version as the editor sends it. The rules are checked by savePolicyVersion against
 * policyRulesSchema, the one definition of a valid policy, whose refusal names the field at fault
 * ("limits.userRequestsPerMinute: …"); checking them here too would only lose that path.
 */
export const savePolicySchema = z.object({
  rules: z.unknown(),
  reason: z
    .string({ message: "Say why the policy changes." })
    .trim()
    .min(1, "Say why the policy changes: the reason is kept with the version.")
    .max(1000, "A reason can be at most 1000 characters."),
});

/** Two lists of 500 terms of up to 200 characters (1.2 MB of UTF-8 at worst) and the rest of the rules. */
export const SAVE_POLICY_LIMIT = { maxBytes: 2 * 1024 * 1024 };
