import "server-only";
import { z } from "zod";
import { logAuditEvent } from "@/lib/audit/access-log";
import { storableText } from "@/lib/audit/personal-data";
import { AUDIT_READERS, canReadAudit } from "@/lib/audit/readers";
import type { AuthenticatedUser } from "@/lib/auth/user";
import { withTenant } from "@/lib/db/tenant";
import { LoreError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { activePolicyOf } from "@/lib/guardrails/policy-store";

/** What a piece of feedback turned out to be about, chosen by whoever triages it. */
export const FEEDBACK_LABELS = [
  "wrong_answer",
  "missing_information",
  "outdated_document",
  "bad_citation",
  "too_strict",
  "missed_personal_data",
  "other",
] as const;
export type FeedbackLabel = (typeof FEEDBACK_LABELS)[number];

export const triageChangeSchema = z
  .object({
    label: z.enum(FEEDBACK_LABELS).nullable(),
    /** the e-mail of an auditor or admin of the workspace, or null to unassign */
    assignee: z.string().trim().toLowerCase().min(3).max(320).nullable(),
    /** resolves it, with what was done */
    resolve: z.object({ note: z.string().trim().min(1, "A resolution needs a note saying what was done.").max(2000) }),
    reopen: z.literal(true),
  })
  .partial()
  .strict()
  .refine((change) => Object.keys(change).length > 0, "A change must label, assign, resolve or reopen.")
  .refine((change) => !(change.resolve && change.reopen), "Feedback cannot be resolved and reopened at once.");

export type TriageChange = z.infer<typeof triageChangeSchema>;

export type QueueFilter = { status?: "open" | "resolved"; label?: FeedbackLabel; assignee?: "me" | "nobody"; rating?: "up" | "down" };

const PAGE = 50;

/**
 * The feedback queue: the workspace's feedback, oldest open first (what has waited longest), with the
 * answer it is about, the documents it used and the rules that fired, so the one triaging can jump to
 * the document or the policy rule. Keyset pages on (time, id).
 */
export async function feedbackQueue(reader: AuthenticatedUser, filter: QueueFilter = {}, after?: { createdAt: Date; id: string }) {
  const where: Prisma.FeedbackWhereInput = {
    tenantId: reader.tenantId,
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.label ? { label: filter.label } : {}),
    ...(filter.rating ? { rating: filter.rating } : {}),
    ...(filter.assignee === "me" ? { assigneeId: reader.id } : filter.assignee === "nobody" ? { assigneeId: null } : {}),
    ...(after ? { OR: [{ createdAt: { gt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }] } : {}),
  };
  const rows = await withTenant(reader.tenantId, (tx) =>
    tx.feedback.findMany({
      where,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: PAGE + 1,
      include: {
        decision: {
          select: { id: true, seq: true, question: true, answer: true, outcome: true, userEmail: true, retrieved: true, verdicts: true, createdAt: true },
        },
      },
    }),
  );
  const items = rows.slice(0, PAGE);
  return { items, next: rows.length > PAGE ? { createdAt: items.at(-1)!.createdAt, id: items.at(-1)!.id } : null };
}

/**
 * Labels, assigns, resolves (with a note, redacted like the comment) or reopens one piece of feedback,
 * and writes the change to the audit events in the same transaction. The assignee must be an auditor
 * or admin of the same workspace.
 */
export async function triageFeedback(reader: AuthenticatedUser, feedbackId: string, change: TriageChange) {
  const note = change.resolve ? storableText(change.resolve.note, (await activePolicyOf(reader.tenantId)).rules) : undefined;
  return withTenant(reader.tenantId, async (tx) => {
    const current = await tx.feedback.findFirst({ where: { id: feedbackId, tenantId: reader.tenantId }, select: { id: true, decisionId: true } });
    if (!current) throw new LoreError("not_found", "audit", "There is no feedback with that id in this workspace.");
    let assignee: { id: string; email: string } | null | undefined;
    if (change.assignee !== undefined) {
      assignee = null;
      if (change.assignee !== null) {
        const person = await tx.user.findFirst({
          where: { tenantId: reader.tenantId, email: { equals: change.assignee, mode: "insensitive" } },
          select: { id: true, email: true, role: true },
        });
        if (!person || !canReadAudit(person.role))
          throw new LoreError("bad_request", "audit", `"assignee" must be an auditor or admin of this workspace; ${change.assignee} is not.`);
        assignee = person;
      }
    }
    const updated = await tx.feedback.update({
      where: { id: feedbackId },
      data: {
        ...(change.label !== undefined ? { label: change.label } : {}),
        ...(assignee !== undefined ? { assigneeId: assignee?.id ?? null } : {}),
        ...(change.resolve ? { status: "resolved", resolutionNote: note, resolvedAt: new Date(), resolvedById: reader.id } : {}),
        ...(change.reopen ? { status: "open", resolutionNote: null, resolvedAt: null, resolvedById: null } : {}),
      },
    });
    await logAuditEvent(tx, reader.tenantId, reader, {
      action: "feedback.triaged",
      recordId: current.decisionId,
      details: {
        feedbackId,
        ...(change.label !== undefined ? { label: change.label } : {}),
        ...(assignee !== undefined ? { assignee: assignee?.email ?? null } : {}),
        status: updated.status,
      },
    });
    return updated;
  });
}

/** How many pieces of feedback carry each label (unlabelled as "unlabelled"), open and resolved, on records written in a date range. */
export async function feedbackLabelCounts(reader: AuthenticatedUser, range: { from: Date; to: Date }) {
  const groups = await withTenant(reader.tenantId, (tx) =>
    tx.feedback.groupBy({
      by: ["label", "status"],
      where: { tenantId: reader.tenantId, decision: { createdAt: { gte: range.from, lt: range.to } } },
      _count: { _all: true },
    }),
  );
  const counts = new Map<string, { label: string; open: number; resolved: number }>();
  for (const group of groups) {
    const label = group.label ?? "unlabelled";
    const entry = counts.get(label) ?? { label, open: 0, resolved: 0 };
    entry[group.status] += group._count._all;
    counts.set(label, entry);
  }
  return [...counts.values()].sort((a, b) => b.open + b.resolved - (a.open + a.resolved) || a.label.localeCompare(b.label));
}

/** Who feedback can be assigned to: the workspace's auditors and admins, by e-mail. */
export async function feedbackTriagers(reader: AuthenticatedUser): Promise<{ id: string; email: string }[]> {
  return withTenant(reader.tenantId, (tx) =>
    tx.user.findMany({ where: { tenantId: reader.tenantId, role: { in: [...AUDIT_READERS] } }, select: { id: true, email: true }, orderBy: { email: "asc" } }),
  );
}
