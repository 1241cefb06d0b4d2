import { z } from "zod";

// Versions are Postgres integers: a larger number names no version (and must not reach the query).
const LARGEST_VERSION = 2_147_483_647;

/** The version in the path of POST /api/policies/[version]/activate (the request has no body): a whole number from 1. */
export const versionParamSchema = z
  .string()
  .regex(/^\d{1,10}$/)
  .transform(Number)
  .pipe(z.number().int().min(1).max(LARGEST_VERSION));
