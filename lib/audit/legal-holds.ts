import "server-only";
import { z } from "zod";
import { logAuditEvent } from "@/lib/audit/access-log";
import { storableText } from "@/lib/audit/personal-data";
import { AUDIT_READERS } from "@/lib/audit/readers";
import type { AuthenticatedUser } from "@/lib/auth/user";
import { withTenant } from "@/lib/db/tenant";
import { LoreError } from "@/lib/errors";
import { activePolicyOf } from "@/lib/guardrails/policy-store";

/** Who places and releases legal holds: auditors and admins (a hold only ever keeps more). */
export const HOLD_KEEPERS = AUDIT_READERS;

const day = z.iso.date("A date must be written YYYY-MM-DD.");

/**
 * A new hold: on the whole workspace, on one person's records (by e-mail) or on the records of a range
 * of days (UTC, both days included). Every hold says why.
 */
export const holdRequestSchema = z
  .discriminatedUnion("scope", [
    z.object({ scope: z.literal("tenant"), reason: z.string() }).strict(),
    z.object({ scope: z.literal("user"), email: z.string().trim().toLowerCase().min(3).max(320), reason: z.string() }).strict(),
    z.object({ scope: z.literal("dates"), from: day, to: day, reason: z.string() }).strict(),
  ])
  .superRefine((hold, context) => {
    if (!hold.reason.trim()) context.addIssue({ code: "custom", path: ["reason"], message: "A legal hold needs a reason." });
    if (hold.reason.length > 2000) context.addIssue({ code: "custom", path: ["reason"], message: "A reason may be at most 2,000 characters." });
    if (hold.scope === "dates" && hold.from > hold.to)
      context.addIssue({ code: "custom", path: ["to"], message: "The last day of a hold cannot come before its first." });
  });

export type HoldRequest = z.infer<typeof holdRequestSchema>;

/** Places a hold, in the same transaction as its audit event. A person named must be of the workspace. */
export async function placeHold(keeper: AuthenticatedUser, request: HoldRequest) {
  const reason = storableText(request.reason.trim(), (await activePolicyOf(keeper.tenantId)).rules);
  return withTenant(keeper.tenantId, async (tx) => {
    let scope: { userId?: string; userEmail?: string; heldFrom?: Date; heldUntil?: Date } = {};
    if (request.scope === "user") {
      const person = await tx.user.findFirst({
        where: { tenantId: keeper.tenantId, email: { equals: request.email, mode: "insensitive" } },
        select: { id: true, email: true },
      });
      if (!person) throw new LoreError("bad_request", "audit", `Nobody in this workspace has the e-mail ${request.email}.`);
      scope = { userId: person.id, userEmail: person.email };
    } else if (request.scope === "dates") {
      // Both days are included: the hold ends where the day after the last one begins.
      scope = { heldFrom: new Date(`${request.from}T00:00:00Z`), heldUntil: new Date(Date.parse(`${request.to}T00:00:00Z`) + 86_400_000) };
    }
    const hold = await tx.legalHold.create({
      data: { tenantId: keeper.tenantId, scope: request.scope, ...scope, reason, placedAt: new Date(), placedById: keeper.id, placedByLabel: keeper.email },
    });
    await logAuditEvent(tx, keeper.tenantId, keeper, { action: "hold.placed", details: holdDetails(hold) });
    return hold;
  });
}

/** Releases an active hold (once: the database refuses a second release or any other change), with its audit event. */
export async function releaseHold(keeper: AuthenticatedUser, holdId: string) {
  return withTenant(keeper.tenantId, async (tx) => {
    const hold = await tx.legalHold.findFirst({ where: { id: holdId, tenantId: keeper.tenantId } });
    if (!hold) throw new LoreError("not_found", "audit", "There is no legal hold with that id in this workspace.");
    if (hold.releasedAt) throw new LoreError("unprocessable", "audit", `This legal hold was already released by ${hold.releasedByLabel}.`);
    const released = await tx.legalHold.update({
      where: { id: holdId },
      data: { releasedAt: new Date(), releasedById: keeper.id, releasedByLabel: keeper.email },
    });
    await logAuditEvent(tx, keeper.tenantId, keeper, { action: "hold.released", details: holdDetails(released) });
    return released;
  });
}

/** The workspace's holds, active ones first, each group newest first. */
export async function listHolds(reader: AuthenticatedUser) {
  const holds = await withTenant(reader.tenantId, (tx) => tx.legalHold.findMany({ where: { tenantId: reader.tenantId }, orderBy: { placedAt: "desc" } }));
  return [...holds.filter((hold) => !hold.releasedAt), ...holds.filter((hold) => hold.releasedAt)];
}

function holdDetails(hold: { id: string; scope: string; userEmail: string | null; heldFrom: Date | null; heldUntil: Date | null }) {
  return { holdId: hold.id, scope: hold.scope, user: hold.userEmail, from: hold.heldFrom?.toISOString() ?? null, until: hold.heldUntil?.toISOString() ?? null };
}
