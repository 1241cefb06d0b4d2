import { z } from "zod";

export const MAX_RECORDS_PER_PAGE = 500;

export const recordsQuerySchema = z.object({
  limit: z.coerce
    .number({ message: "must be a number." })
    .int("must be a whole number.")
    .min(1, "must be 1 or more.")
    .max(MAX_RECORDS_PER_PAGE, `can be at most ${MAX_RECORDS_PER_PAGE}.`)
    .default(100),
});
