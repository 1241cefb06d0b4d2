import { z } from "zod";

const MAX_QUESTION_CHARS = 8_000;

/** A maximal question is at most 32 KB of UTF-8 (48 KB if every character were escaped): room for the envelope around it. */
export const CHAT_BODY_LIMIT = { maxBytes: 64 * 1024 };

/**
 * The browser sends only the new (or edited) user message and the conversation's id; the history
 * is read from the database, never taken from the client.
 */
export const chatRequestSchema = z.object({
  id: z.uuid({ message: "The conversation id must be a UUID." }),
  message: z.object({
    id: z.uuid({ message: "The message id must be a UUID." }),
    role: z.literal("user", { message: "Only user messages can be sent." }),
    parts: z
      .array(z.object({ type: z.literal("text"), text: z.string().max(MAX_QUESTION_CHARS, `A question can be at most ${MAX_QUESTION_CHARS} characters.`) }))
      .min(1, "Please type a question before sending."),
  }),
});
