import { z } from "zod";

/** A person's name, e-mail, role and up to 500 group ids. */
export const PERSON_BODY_LIMIT = { maxBytes: 64 * 1024 };

/** What every /api/admin/people/<id>/… route shares: admins only, and an id that is not a UUID names nobody. */
export const personRoute = { surface: "people", roles: ["admin"], params: { id: z.uuid() }, notFound: "This person is not in your workspace." } as const;
