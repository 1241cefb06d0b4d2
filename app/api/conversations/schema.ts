import { z } from "zod";
import { MAX_TITLE_CHARS } from "@/lib/chat/conversation-list";

export const conversationSearchSchema = z.object({ q: z.string().max(200).catch("") });

export const renameSchema = z.object({
  title: z.string({ message: "A conversation needs a title." }).trim().min(1, "A conversation needs a title.").max(MAX_TITLE_CHARS, `A title can be at most ${MAX_TITLE_CHARS} characters.`),
});
