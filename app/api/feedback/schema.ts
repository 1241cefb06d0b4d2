import { z } from "zod";

export const feedbackSchema = z.object({
  decisionId: z.uuid({ message: "decisionId must be a UUID." }),
  rating: z.enum(["up", "down"], { message: "rating must be up or down." }),
  reason: z
    .enum(["wrong", "not_cited", "outdated", "harmful", "other"], { message: "reason must be wrong, not_cited, outdated, harmful or other." })
    .optional(),
  comment: z.string().trim().max(2000, "A comment can be at most 2000 characters.").optional(),
});

/** A 2,000-character comment is at most 8 KB of UTF-8. */
export const FEEDBACK_BODY_LIMIT = { maxBytes: 16 * 1024 };
