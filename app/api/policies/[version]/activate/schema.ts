import { z } from "zod";

/** The version in the path of POST /api/policies/[version]/activate (the request has no body). */
export const versionParamSchema = z.coerce.number({ message: "The version must be a number." }).int("The version must be a whole number.").positive("The version must be 1 or more.");
