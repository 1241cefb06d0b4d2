import { z } from "zod";
import { readersSchema } from "../../schema";

export const changeReadersSchema = z.object({ readers: readersSchema });

/** Up to 1,000 ids of about 40 bytes each. */
export const CHANGE_READERS_LIMIT = { maxBytes: 64 * 1024 };
