import { z } from "zod";
import { HOLD_KEEPERS, releaseHold } from "@/lib/audit/legal-holds";
import { route } from "@/lib/http";

/** Releases an active legal hold (once; recorded as an audit event). */
export const POST = route(
  { surface: "audit", roles: HOLD_KEEPERS, params: { id: z.uuid() }, notFound: "There is no legal hold with that id in this workspace." },
  async ({ user, params }) => Response.json({ hold: await releaseHold(user, params.id) }),
);
