import { z } from "zod";

/**
 * A new policy version as the editor sends it. The rules are checked by savePolicyVersion against
 * policyRulesSchema, the one definition of a valid policy, whose refusal names the field at fault
 * ("limits.userRequestsPerMinute: …"); checking them here too would only lose that path.
 */
export const savePolicySchema = z.object({
  rules: z.unknown(),
  reason: z.string({ message: "Say why the policy changes." }).trim().min(1, "Say why the policy changes: the reason is kept with the version.").max(1000, "A reason can be at most 1000 characters."),
});
