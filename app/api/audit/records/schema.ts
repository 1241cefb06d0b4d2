import { z } from "zod";

export const MAX_RECORDS_PER_PAGE = 500;

export const recordsQuerySchema = z.object({
  limit: z.coerce
    .number({ message: "limit must be a number." })
    .int("limit must be a whole number.")
    .min(1, "limit must be 1 or more.")
    .max(MAX_RECORDS_PER_PAGE, `limit can be at most ${MAX_RECORDS_PER_PAGE}.`)
    .default(100),
});
