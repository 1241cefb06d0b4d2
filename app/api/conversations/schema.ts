import { z } from "zod";
import { MAX_TITLE_CHARS } from "@/lib/chat/conversation-list";

export const conversationSearchSchema = z.object({ q: z.string().max(200).catch("") });

// A malformed id names no conversation of this user: the same "not found" as another user's.
export const conversationRoute = {
  surface: "conversations",
  params: { id: z.uuid() },
  notFound: "This conversation does not exist.",
} as const;

export const RENAME_BODY_LIMIT = { maxBytes: 4 * 1024 };

export const renameSchema = z.object({
  title: z
    .string({ message: "A conversation needs a title." })
    .trim()
    .min(1, "A conversation needs a title.")
    .max(MAX_TITLE_CHARS, `A title can be at most ${MAX_TITLE_CHARS} characters.`),
});
