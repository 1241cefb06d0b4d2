import "server-only";
import type { AuthenticatedUser } from "@/lib/auth/user";
import { withTenant, type TenantTx } from "@/lib/db/tenant";
import type { Prisma } from "@/lib/generated/prisma/client";

/** What can be done with the decision log itself, each written down as an audit event. */
export type AuditEventAction = "record.viewed" | "export" | "feedback.triaged" | "retention.changed" | "hold.placed" | "hold.released" | "records.purged";

/** Who acted: a signed-in person, or a job of the system. */
export type AuditActor = Pick<AuthenticatedUser, "id" | "email"> | { system: string };

/**
 * Writes down that someone did something with the decision log, in the caller's transaction: the
 * view or export and its record happen together or not at all, so nothing is read unrecorded.
 */
export async function logAuditEvent(
  tx: TenantTx,
  tenantId: string,
  actor: AuditActor,
  event: { action: AuditEventAction; recordId?: string; filter?: string; details?: Prisma.InputJsonObject },
): Promise<void> {
  await tx.auditEvent.create({
    data: {
      tenantId,
      actorId: "system" in actor ? null : actor.id,
      actorLabel: "system" in actor ? actor.system : actor.email,
      action: event.action,
      recordId: event.recordId ?? null,
      filter: event.filter || null,
      details: event.details,
    },
  });
}

const PAGE = 50;

/** The tenant's audit events, newest first, a page at a time (keyset on time and id). */
export async function listAuditEvents(reader: AuthenticatedUser, page: { before?: { createdAt: Date; id: string } } = {}) {
  const events = await withTenant(reader.tenantId, (tx) =>
    tx.auditEvent.findMany({
      where: {
        tenantId: reader.tenantId,
        ...(page.before ? { OR: [{ createdAt: { lt: page.before.createdAt } }, { createdAt: page.before.createdAt, id: { lt: page.before.id } }] } : {}),
      },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: PAGE + 1,
    }),
  );
  const shown = events.slice(0, PAGE);
  return { events: shown, next: events.length > PAGE ? { createdAt: shown.at(-1)!.createdAt, id: shown.at(-1)!.id } : null };
}
