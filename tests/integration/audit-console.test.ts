import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAuditEvents } from "@/lib/audit/access-log";
import { parseConsoleFilter, type ConsoleFilter } from "@/lib/audit/console-filter";
import { dashboardFigures } from "@/lib/audit/dashboard";
import { findDecisionRecords, matchingSeqs, resolveSearchFilter, viewDecisionRecord } from "@/lib/audit/queries";
import type { AuthenticatedUser } from "@/lib/auth/user";
import type { Database } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { LoreError } from "@/lib/errors";
import { asOwnerInTenant, migratedDatabase } from "@/tests/support/database";
import { createTenant } from "@/tests/support/fixtures";
import { writeSyntheticDecisions, type SyntheticRecord } from "@/tests/support/synthetic-decisions";

/**
 * Issue 9 point 6: the console's filters, full-text search and keyset pagination. A seeded log of a
 * few hundred records is read back through every filter, page by page, and compared with what the
 * filter says in plain terms, computed here from the records as they were written.
 */
let db: Database;
let records: SyntheticRecord[];
let otherRecords: SyntheticRecord[];
let auditor: AuthenticatedUser;
let otherAuditor: AuthenticatedUser;
let people: Record<string, AuthenticatedUser>;
let salesGroup: string;
const feedback = new Map<string, "up" | "down">();

beforeAll(async () => {
  db = await migratedDatabase();
  const tenant = await createTenant(
    "console",
    ["sales", "support"],
    [
      { key: "ann", role: "employee", groups: ["sales"] },
      { key: "ben", role: "employee", groups: ["sales"] },
      { key: "cho", role: "employee", groups: ["support"] },
      { key: "auditor", role: "auditor", groups: [] },
    ],
  );
  people = tenant.users;
  auditor = tenant.users.auditor!;
  salesGroup = tenant.groupIds.sales!;
  const askers = ["ann", "ben", "cho"].map((key) => tenant.users[key]!);
  records = await writeSyntheticDecisions(tenant.tenant.id, askers, {
    count: 300,
    from: new Date("2026-10-01T00:00:00Z"),
    to: new Date("2026-11-30T12:00:00Z"),
    seed: 7,
    answerWords: 12,
  });
  // Feedback on every seventh record, negative on every other of those.
  await withTenant(tenant.tenant.id, async (tx) => {
    for (const [i, record] of records.entries()) {
      if (i % 7 !== 0) continue;
      const rating = i % 14 === 0 ? "down" : "up";
      feedback.set(record.id, rating);
      await tx.feedback.create({ data: { tenantId: tenant.tenant.id, decisionId: record.id, userId: record.userId, rating } });
    }
  });
  const other = await createTenant(
    "console-other",
    [],
    [
      { key: "dan", role: "employee", groups: [] },
      { key: "auditor", role: "auditor", groups: [] },
    ],
  );
  otherAuditor = other.users.auditor!;
  otherRecords = await writeSyntheticDecisions(other.tenant.id, [other.users.dan!], {
    count: 40,
    from: new Date("2026-10-01T00:00:00Z"),
    to: new Date("2026-11-30T00:00:00Z"),
    seed: 8,
  });
});
afterAll(() => db.close());

/** Every page of a filter's results, a few records at a time, following each page's cursor. */
async function everyPage(reader: AuthenticatedUser, filter: ConsoleFilter, pageSize = 9): Promise<number[]> {
  const seqs: number[] = [];
  let before: number | undefined;
  for (let pages = 0; pages < 100; pages++) {
    const page = await findDecisionRecords(reader, filter, { before, limit: pageSize });
    seqs.push(...page.records.map((r) => r.seq));
    if (page.nextBefore === null) return seqs;
    expect(page.records).toHaveLength(pageSize);
    before = page.nextBefore;
  }
  throw new Error("pagination did not end");
}

const words = (text: string) =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
const hasWords = (record: SyntheticRecord, query: string) => {
  const text = words(`${record.question} ${record.answer}`);
  return words(query).every((word) => text.some((w) => w.startsWith(word)));
};
const rules = (record: SyntheticRecord) => record.verdicts.map((v) => v.rule);
const day = (iso: string) => new Date(`${iso}T00:00:00Z`).getTime();

describe("the console's filters", () => {
  const cases: [string, () => ConsoleFilter, (r: SyntheticRecord) => boolean][] = [
    ["no filter", () => ({}), () => true],
    ["an outcome", () => ({ outcome: "blocked" }), (r) => r.outcome === "blocked"],
    ["a rule", () => ({ rule: "input.pii.email" }), (r) => rules(r).includes("input.pii.email")],
    ["a detector", () => ({ detector: "person_name" }), (r) => r.verdicts.some((v) => v.detectors.includes("person_name"))],
    ["an action", () => ({ action: "block" }), (r) => r.verdicts.some((v) => v.action === "block")],
    ["trials", () => ({ trial: "yes" }), (r) => r.verdicts.some((v) => v.shadow)],
    ["no trials", () => ({ trial: "no" }), (r) => !r.verdicts.some((v) => v.shadow)],
    ["a rule on trial", () => ({ rule: "input.pii.person_name", trial: "yes" }), (r) => r.verdicts.some((v) => v.shadow && v.rule === "input.pii.person_name")],
    ["a model", () => ({ model: "extractive" }), (r) => r.model === "extractive"],
    ["a policy version", () => ({ policy: "2" }), (r) => r.policyVersion === 2],
    ["the built-in policy", () => ({ policy: "default" }), (r) => r.policyVersion === null],
    ["a person, by e-mail in any case", () => ({ user: people.ann!.email.toUpperCase() }), (r) => r.userId === people.ann!.id],
    ["a group's people", () => ({ group: salesGroup }), (r) => r.userId === people.ann!.id || r.userId === people.ben!.id],
    ["a person outside the group", () => ({ group: salesGroup, user: people.cho!.email }), () => false],
    ["someone who is not in the workspace", () => ({ user: "nobody@elsewhere.test" }), () => false],
    [
      "a date range, both days included",
      () => ({ from: "2026-11-01", to: "2026-11-15" }),
      (r) => r.createdAt.getTime() >= day("2026-11-01") && r.createdAt.getTime() < day("2026-11-16"),
    ],
    ["negative feedback", () => ({ feedback: "down" }), (r) => feedback.get(r.id) === "down"],
    ["no feedback", () => ({ feedback: "none" }), (r) => !feedback.has(r.id)],
    ["Korean words, particles and all", () => ({ q: "휴가" }), (r) => hasWords(r, "휴가")],
    ["English words, each the start of a word", () => ({ q: "vacation day" }), (r) => hasWords(r, "vacation day")],
    ["the placeholder of redacted personal data", () => ({ q: "EMAIL" }), (r) => hasWords(r, "email")],
    [
      "several at once",
      () => ({ outcome: "answered", model: "gpt-4o-mini", from: "2026-10-15", q: "policy" }),
      (r) => r.outcome === "answered" && r.model === "gpt-4o-mini" && r.createdAt.getTime() >= day("2026-10-15") && hasWords(r, "policy"),
    ],
  ];

  it.each(cases)("%s: exactly the matching records, newest first, page by page", async (_name, filter, matches) => {
    const expected = records
      .filter(matches)
      .map((r) => r.seq)
      .reverse();
    const found = await everyPage(auditor, filter());
    expect(found).toEqual(expected);
  });

  // A word search reads the newest records first, then the words' index below them (migration
  // audit_word_search): the pages must not depend on where that window ends.
  it.each([1, 7, 50, 299, 300])("word searches: the same pages when the newest-first window holds %i records", async (window) => {
    const wordCases = cases.filter(([, filter]) => filter().q);
    expect(wordCases.length).toBeGreaterThanOrEqual(4);
    for (const [name, filter, matches] of wordCases) {
      const expected = records
        .filter(matches)
        .map((r) => r.seq)
        .reverse();
      const found = await withTenant(auditor.tenantId, async (tx) => {
        const search = await resolveSearchFilter(tx, auditor.tenantId, filter());
        const seqs: number[] = [];
        for (let before: number | null = null; ; ) {
          const page = await matchingSeqs(tx, search, before, 9, window);
          seqs.push(...page);
          if (page.length < 9) return seqs;
          before = page.at(-1)!;
        }
      });
      expect(found, name).toEqual(expected);
    }
  });

  it("the cases above are not trivial: each narrows, and most find something", () => {
    const counts = cases.map(([, , matches]) => records.filter(matches).length);
    expect(counts.filter((n) => n > 0 && n < records.length).length).toBeGreaterThanOrEqual(cases.length - 4);
  });

  it("never shows another workspace's records", async () => {
    const ours = new Set(records.map((r) => r.id));
    const theirs = (await findDecisionRecords(otherAuditor, {}, { limit: 500 })).records;
    expect(theirs.map((r) => r.id).sort()).toEqual(otherRecords.map((r) => r.id).sort());
    expect(theirs.some((r) => ours.has(r.id))).toBe(false);
    // A filter naming this workspace's person finds nothing there.
    expect((await findDecisionRecords(otherAuditor, { user: people.ann!.email })).records).toEqual([]);
  });

  it("reads the filter from the URL, ignoring empty fields and refusing a wrong one by name", () => {
    expect(parseConsoleFilter(new URLSearchParams("outcome=blocked&rule=&from=2026-11-01&q=%20휴가%20"))).toEqual({
      outcome: "blocked",
      from: "2026-11-01",
      q: "휴가",
    });
    for (const [query, field] of [
      ["outcome=maybe", "outcome"],
      ["from=2026-13-45", "from"],
      ["from=2026-11-02&to=2026-11-01", "to"],
      ["group=sales", "group"],
      ["rule=a%20b", "rule"],
    ] as const) {
      const failure = (() => {
        try {
          parseConsoleFilter(new URLSearchParams(query));
        } catch (error) {
          return error;
        }
      })();
      expect(failure, query).toBeInstanceOf(LoreError);
      expect((failure as LoreError).status).toBe(400);
      expect((failure as LoreError).message).toContain(`"${field}"`);
    }
  });
});

describe("the dashboard", () => {
  /** The figures the dashboard must show, computed here from the records as written. */
  function expectedFigures(matching: SyntheticRecord[], from: string, to: string) {
    const inRange = matching.filter((r) => r.createdAt.getTime() >= day(from) && r.createdAt.getTime() < day(to) + 86_400_000);
    const byDay = new Map<string, { turns: number; blocked: number; tokensIn: number; tokensOut: number; withheld: number; negative: number }>();
    for (const r of inRange) {
      const key = r.createdAt.toISOString().slice(0, 10);
      const d = byDay.get(key) ?? { turns: 0, blocked: 0, tokensIn: 0, tokensOut: 0, withheld: 0, negative: 0 };
      d.turns++;
      if (r.outcome === "blocked") d.blocked++;
      d.tokensIn += r.tokensIn;
      d.tokensOut += r.tokensOut;
      if (r.withheldCount > 0) d.withheld++;
      if (feedback.get(r.id) === "down") d.negative++;
      byDay.set(key, d);
    }
    const rulesSeen = new Map<string, { found: number; applied: number; blocked: number; trial: number }>();
    for (const r of inRange) {
      for (const v of r.verdicts) {
        const c = rulesSeen.get(v.rule) ?? { found: 0, applied: 0, blocked: 0, trial: 0 };
        c.found++;
        if (v.applied) c.applied++;
        if (v.applied && v.action === "block") c.blocked++;
        if (v.shadow) c.trial++;
        rulesSeen.set(v.rule, c);
      }
    }
    return { inRange, byDay, rulesSeen };
  }

  it("counts turns by outcome, tokens, withheld passages and negative feedback per day, and each rule's hits", async () => {
    const figures = await dashboardFigures(auditor, { from: "2026-10-01", to: "2026-11-30" });
    const { inRange, byDay, rulesSeen } = expectedFigures(records, "2026-10-01", "2026-11-30");
    expect(figures.days).toHaveLength(61);
    expect(figures.days[0]!.day).toBe("2026-10-01");
    for (const d of figures.days) {
      const e = byDay.get(d.day) ?? { turns: 0, blocked: 0, tokensIn: 0, tokensOut: 0, withheld: 0, negative: 0 };
      expect({
        day: d.day,
        turns: d.turns,
        blocked: d.byOutcome.blocked,
        tokensIn: d.tokensIn,
        tokensOut: d.tokensOut,
        withheld: d.withheldTurns,
        negative: d.negativeTurns,
      }).toEqual({ day: d.day, ...e });
      expect(Object.values(d.byOutcome).reduce((a, b) => a + b, 0)).toBe(d.turns);
    }
    expect(figures.totals.turns).toBe(inRange.length);
    expect(figures.totals.negativeTurns).toBeGreaterThan(0);
    expect(figures.totals.withheldTurns).toBeGreaterThan(0);
    expect(figures.totals.blockRate).toBeCloseTo(inRange.filter((r) => r.outcome === "blocked").length / inRange.length);
    expect(Object.fromEntries(figures.rules.map(({ rule, found, applied, blocked, trial }) => [rule, { found, applied, blocked, trial }]))).toEqual(
      Object.fromEntries(rulesSeen),
    );
    const injection = figures.rules.find((r) => r.rule === "input.promptInjection")!;
    expect(injection.blockRate).toBeCloseTo(injection.blocked / inRange.length);
    expect(figures.rules.find((r) => r.rule === "input.pii.person_name")!.trialRate).toBeGreaterThan(0);
    // Not priced unless configured.
    expect(figures.totals.cost).toBeNull();
  });

  it("narrows with the console's filter, and shows the last thirty days when it names none", async () => {
    const filtered = await dashboardFigures(auditor, { group: salesGroup, from: "2026-11-01", to: "2026-11-30" });
    const sales = records.filter((r) => r.userId === people.ann!.id || r.userId === people.ben!.id);
    expect(filtered.totals.turns).toBe(expectedFigures(sales, "2026-11-01", "2026-11-30").inRange.length);
    const recent = await dashboardFigures(auditor, {}, new Date("2026-11-30T18:00:00Z"));
    expect([recent.from, recent.to, recent.days.length]).toEqual(["2026-11-01", "2026-11-30", 30]);
    expect(recent.totals.turns).toBe(expectedFigures(records, "2026-11-01", "2026-11-30").inRange.length);
    await expect(dashboardFigures(auditor, { from: "2020-01-01", to: "2026-11-30" })).rejects.toThrow(/at most 731 days/);
    expect((await dashboardFigures(otherAuditor, { from: "2026-10-01", to: "2026-11-30" })).totals.turns).toBe(otherRecords.length);
  });
});

describe("who read what", () => {
  it("writes down each record viewed, by whom and from which filter; the events cannot be changed", async () => {
    const record = records[10]!;
    const viewed = await viewDecisionRecord(auditor, record.id, { outcome: "answered", q: "휴가" });
    expect(viewed?.seq).toBe(record.seq);
    const { events } = await listAuditEvents(auditor);
    expect(events[0]).toMatchObject({
      action: "record.viewed",
      recordId: record.id,
      actorId: auditor.id,
      actorLabel: auditor.email,
      filter: "outcome=answered&q=%ED%9C%B4%EA%B0%80",
    });
    // Another workspace's record is not there to view, and that is not an event.
    expect(await viewDecisionRecord(otherAuditor, record.id)).toBeNull();
    expect((await listAuditEvents(otherAuditor)).events).toEqual([]);
    // The app's role may only add events; the database's owner is stopped by the trigger.
    await expect(
      withTenant(auditor.tenantId, (tx) => tx.auditEvent.updateMany({ where: { tenantId: auditor.tenantId }, data: { actorLabel: "someone else" } })),
    ).rejects.toThrow(/permission denied/);
    await expect(withTenant(auditor.tenantId, (tx) => tx.auditEvent.deleteMany({ where: { tenantId: auditor.tenantId } }))).rejects.toThrow(
      /permission denied/,
    );
    for (const statement of ["UPDATE audit_events SET actor_label = 'someone else'", "DELETE FROM audit_events", "TRUNCATE audit_events"]) {
      await expect(asOwnerInTenant(auditor.tenantId, statement), statement).rejects.toThrow(/audit_events is append-only/);
    }
  });
});

describe("the search index", () => {
  it("is not readable by the app's role, and its functions need a tenant transaction", async () => {
    await expect(withTenant(auditor.tenantId, (tx) => tx.$queryRaw`SELECT count(*) FROM decision_search`)).rejects.toThrow(/permission denied/);
    await expect(
      db.prisma.$transaction(async (tx) => {
        await tx.$executeRawUnsafe("SET LOCAL ROLE lore_app");
        return tx.$queryRaw`SELECT lore_audit_find('{"all":[],"none":[]}'::jsonb, NULL, 10, 2000)`;
      }),
    ).rejects.toThrow(/needs a tenant transaction/);
  });
});
