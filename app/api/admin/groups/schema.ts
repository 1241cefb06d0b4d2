import { z } from "zod";
import { groupNameSchema } from "@/lib/auth/people/fields";

export const groupSchema = z.object({ name: groupNameSchema });

/** A group's name, or up to 10,000 ids of people to add and remove (about 40 bytes each). */
export const GROUP_BODY_LIMIT = { maxBytes: 512 * 1024 };

/** What every /api/admin/groups/<id>/… route shares: admins only, and an id that is not a UUID names no group. */
export const groupRoute = { surface: "groups", roles: ["admin"], params: { id: z.uuid() }, notFound: "This group is not in your workspace." } as const;
