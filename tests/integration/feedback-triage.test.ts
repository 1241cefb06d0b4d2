import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAuditEvents } from "@/lib/audit/access-log";
import { recordFeedback } from "@/lib/audit/feedback";
import { feedbackLabelCounts, feedbackQueue, triageChangeSchema, triageFeedback } from "@/lib/audit/feedback-triage";
import type { AuthenticatedUser } from "@/lib/auth/user";
import type { Database } from "@/lib/db/client";
import { LoreError } from "@/lib/errors";
import { migratedDatabase } from "@/tests/support/database";
import { createTenant } from "@/tests/support/fixtures";
import { writeSyntheticDecisions, type SyntheticRecord } from "@/tests/support/synthetic-decisions";

/**
 * Issue 9 point 7: feedback triage. Readers' feedback becomes a queue (oldest first) that auditors and
 * admins label, assign to one another, resolve with a note (redacted like a comment) or reopen; each
 * change is an audit event; the dashboard counts feedback by label.
 */
let db: Database;
let records: SyntheticRecord[];
let users: Record<string, AuthenticatedUser>;
let otherAuditor: AuthenticatedUser;

beforeAll(async () => {
  db = await migratedDatabase();
  const tenant = await createTenant(
    "triage",
    [],
    [
      { key: "ann", role: "employee", groups: [] },
      { key: "auditor", role: "auditor", groups: [] },
      { key: "admin", role: "admin", groups: [] },
    ],
  );
  users = tenant.users;
  records = await writeSyntheticDecisions(tenant.tenant.id, [users.ann!], {
    count: 12,
    from: new Date("2026-11-01T00:00:00Z"),
    to: new Date("2026-11-10T00:00:00Z"),
    seed: 3,
  });
  for (const [i, record] of records.slice(0, 6).entries()) {
    await recordFeedback(users.ann!, {
      decisionId: record.id,
      rating: i % 3 === 0 ? "up" : "down",
      comment: i === 1 ? "Wrong. Mail me at ann.private@example.com" : undefined,
    });
  }
  const other = await createTenant("triage-other", [], [{ key: "auditor", role: "auditor", groups: [] }]);
  otherAuditor = other.users.auditor!;
});
afterAll(() => db.close());

describe("the feedback queue", () => {
  it("lists open feedback oldest first, with the answer, and narrows by rating, label, assignee and status", async () => {
    const auditor = users.auditor!;
    const { items } = await feedbackQueue(auditor, { status: "open" });
    expect(items.map((f) => f.decision.seq)).toEqual(records.slice(0, 6).map((r) => r.seq));
    expect(items[1]!.comment).not.toContain("ann.private@example.com");
    expect(items[1]!.comment).toContain("[EMAIL]");
    expect((await feedbackQueue(auditor, { rating: "down" })).items).toHaveLength(4);
    expect((await feedbackQueue(otherAuditor)).items).toEqual([]);

    const [first, second, third] = items;
    await triageFeedback(auditor, first!.id, { label: "wrong_answer", assignee: users.admin!.email.toUpperCase() });
    await triageFeedback(auditor, second!.id, { label: "outdated_document", assignee: auditor.email });
    await triageFeedback(users.admin!, third!.id, { label: "wrong_answer", resolve: { note: "Fixed the handbook; the reporter is bob.private@example.com" } });
    expect((await feedbackQueue(users.admin!, { assignee: "me" })).items.map((f) => f.id)).toEqual([first!.id]);
    expect((await feedbackQueue(auditor, { label: "wrong_answer" })).items.map((f) => f.id)).toEqual([first!.id, third!.id]);
    expect((await feedbackQueue(auditor, { status: "open", assignee: "nobody" })).items).toHaveLength(3);
    const [resolved] = (await feedbackQueue(auditor, { status: "resolved" })).items;
    expect(resolved).toMatchObject({ id: third!.id, status: "resolved", resolvedById: users.admin!.id });
    expect(resolved!.resolutionNote).toContain("Fixed the handbook");
    expect(resolved!.resolutionNote).not.toContain("bob.private@example.com");

    // Reopened, it is open again and the resolution is gone.
    await triageFeedback(auditor, third!.id, { reopen: true });
    expect((await feedbackQueue(auditor, { status: "resolved" })).items).toEqual([]);

    // Each change is an audit event naming the record, what changed and who changed it.
    const events = (await listAuditEvents(auditor)).events.filter((e) => e.action === "feedback.triaged");
    expect(events).toHaveLength(4);
    expect(events.at(-1)).toMatchObject({
      actorId: auditor.id,
      recordId: first!.decisionId,
      details: { feedbackId: first!.id, label: "wrong_answer", assignee: users.admin!.email, status: "open" },
    });
    expect(events.find((e) => e.actorId === users.admin!.id)).toMatchObject({ details: { status: "resolved" } });

    // The dashboard's counts by label.
    const counts = await feedbackLabelCounts(auditor, { from: new Date("2026-11-01T00:00:00Z"), to: new Date("2026-11-11T00:00:00Z") });
    expect(counts).toEqual([
      { label: "unlabelled", open: 3, resolved: 0 },
      { label: "wrong_answer", open: 2, resolved: 0 },
      { label: "outdated_document", open: 1, resolved: 0 },
    ]);
  });

  it("refuses what it cannot do, clearly", async () => {
    const auditor = users.auditor!;
    const [item] = (await feedbackQueue(auditor)).items;
    const failure = async (work: Promise<unknown>) =>
      work.then(
        () => null,
        (error: unknown) => error as LoreError,
      );
    const employee = await failure(triageFeedback(auditor, item!.id, { assignee: users.ann!.email }));
    expect(employee).toBeInstanceOf(LoreError);
    expect(employee!.message).toContain('"assignee" must be an auditor or admin');
    const elsewhere = await failure(triageFeedback(otherAuditor, item!.id, { label: "other" }));
    expect(elsewhere?.status).toBe(404);
    for (const [body, message] of [
      [{}, "must label, assign, resolve or reopen"],
      [{ resolve: { note: " " } }, "needs a note"],
      [{ resolve: { note: "done" }, reopen: true }, "cannot be resolved and reopened"],
      [{ label: "nonsense" }, "label"],
      [{ status: "resolved" }, "status"],
    ] as const) {
      const parsed = triageChangeSchema.safeParse(body);
      expect(parsed.success, JSON.stringify(body)).toBe(false);
      expect(JSON.stringify(parsed.error!.issues), JSON.stringify(body)).toContain(message);
    }
  });
});
