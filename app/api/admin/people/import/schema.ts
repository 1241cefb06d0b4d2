import { z } from "zod";

/** JSON body of the import (the page sends the file itself as multipart/form-data with the same fields). */
export const importRequestSchema = z.object({
  csv: z.string({ message: "Send the file's text as csv." }).max(4 * 1024 * 1024, "The file is too large; split it."),
  mode: z.enum(["preview", "apply"], { message: 'The mode must be "preview" or "apply".' }).default("preview"),
  /** with apply: the previewed plan's fingerprint */
  fingerprint: z.string().max(100).optional(),
});
