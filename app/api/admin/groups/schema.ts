import { z } from "zod";
import { groupNameSchema } from "@/lib/auth/people/fields";

export const groupSchema = z.object({ name: groupNameSchema });
