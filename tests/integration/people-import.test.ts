import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listActivity } from "@/lib/auth/people/activity";
import { applyImport, previewImport } from "@/lib/auth/people/csv-import";
import { changeMembers, listGroups } from "@/lib/auth/people/groups";
import { listPeople } from "@/lib/auth/people/people";
import type { AuthenticatedUser } from "@/lib/auth/user";
import type { Database } from "@/lib/db/client";
import { migratedDatabase } from "@/tests/support/database";
import { bytes, createTenant } from "@/tests/support/fixtures";
import { eucKr } from "@/tests/support/make-documents";

// Issue 7 point 4: people and group memberships from an HR system's CSV export, previewed first,
// applied idempotently, every change in the admin activity log.
let db: Database;
let admin: AuthenticatedUser;
let globexAdmin: AuthenticatedUser;

beforeAll(async () => {
  db = await migratedDatabase();
  const acme = await createTenant(
    "acme",
    ["sales", "engineering"],
    [
      { key: "admin", role: "admin", groups: [] },
      { key: "seller", role: "employee", groups: ["sales"] },
      { key: "quiet", role: "employee", groups: ["engineering"] },
    ],
  );
  admin = acme.users.admin!;
  globexAdmin = (await createTenant("globex", [], [{ key: "admin", role: "admin", groups: [] }])).users.admin!;
});
afterAll(() => db.close());

const everyone = async (who = admin) =>
  Object.fromEntries(
    (await listPeople(who, { status: "all", offset: 0, limit: 500 })).people.map((p) => [
      p.email,
      { name: p.name, role: p.role, groups: p.groups.map((g) => g.name).sort((a, b) => a.localeCompare(b)) },
    ]),
  );
const activityCount = async () => (await listActivity(admin.tenantId, { limit: 200 })).entries.length;

const HR_EXPORT = [
  "email,name,role,groups",
  "New.Hire@acme.test,New Hire,,Engineering; Platform",
  "seller@acme.test,Sally Seller,auditor,sales|Finance",
  "박서준@acme.test,,,",
  "nobody-at-all,Nobody,,",
  "minji@acme.test,김민지,manager,",
  "seller@acme.test,Twice,,",
  "lonely@acme.test,,,",
  "admin@acme.test,admin,employee,",
  "",
].join("\r\n");

describe("importing people from a CSV file", () => {
  it("previews every change and every row's error without changing anything", async () => {
    const before = await everyone();
    const entries = await activityCount();
    const plan = await previewImport(admin, bytes(HR_EXPORT));
    expect(plan.rows).toEqual([
      {
        line: 2,
        email: "new.hire@acme.test",
        action: "create",
        name: { from: null, to: "New Hire" },
        role: { from: null, to: "employee" },
        groupsAdded: ["engineering", "Platform"],
        groupsRemoved: [],
      },
      {
        line: 3,
        email: "seller@acme.test",
        action: "update",
        name: { from: "seller", to: "Sally Seller" },
        role: { from: "employee", to: "auditor" },
        groupsAdded: ["Finance"],
        groupsRemoved: [],
      },
      { line: 4, email: "박서준@acme.test", action: "error", error: '"박서준@acme.test" is not an e-mail address.', groupsAdded: [], groupsRemoved: [] },
      { line: 5, email: "nobody-at-all", action: "error", error: '"nobody-at-all" is not an e-mail address.', groupsAdded: [], groupsRemoved: [] },
      {
        line: 6,
        email: "minji@acme.test",
        action: "error",
        error: 'The role "manager" is not employee, admin or auditor.',
        groupsAdded: [],
        groupsRemoved: [],
      },
      {
        line: 7,
        email: "seller@acme.test",
        action: "error",
        error: "seller@acme.test is already on line 3; each person once.",
        groupsAdded: [],
        groupsRemoved: [],
      },
      { line: 8, email: "lonely@acme.test", action: "error", error: "A new person needs a name.", groupsAdded: [], groupsRemoved: [] },
      {
        line: 9,
        email: "admin@acme.test",
        action: "error",
        error: "You cannot remove your own admin role; ask another admin.",
        groupsAdded: [],
        groupsRemoved: [],
      },
    ]);
    expect(plan.groupsToCreate).toEqual(["Finance", "Platform"]);
    expect(plan.summary).toEqual({ create: 1, update: 1, unchanged: 0, errors: 6, roleChanges: 1, membershipsAdded: 3, membershipsRemoved: 0 });
    expect(await everyone()).toEqual(before);
    expect(await activityCount()).toBe(entries);
  });

  it("applies the previewed plan through the logged people and group functions, and a second run changes nothing", async () => {
    const plan = await previewImport(admin, bytes(HR_EXPORT));
    const result = await applyImport(admin, bytes(HR_EXPORT), plan.fingerprint);
    expect(result.welcomeLinks).toEqual([{ email: "new.hire@acme.test", welcomePath: expect.stringMatching(/^\/welcome\?workspace=acme&token=/) }]);
    const people = await everyone();
    expect(people["new.hire@acme.test"]).toEqual({ name: "New Hire", role: "employee", groups: ["engineering", "Platform"] });
    expect(people["seller@acme.test"]).toEqual({ name: "Sally Seller", role: "auditor", groups: ["Finance", "sales"] });
    // Someone the file does not name is left alone.
    expect(people["quiet@acme.test"]).toEqual({ name: "quiet", role: "employee", groups: ["engineering"] });
    const actions = (await listActivity(admin.tenantId, { limit: 200 })).entries.map((e) => `${e.action} ${e.targetLabel}`).sort();
    expect(actions).toEqual([
      "group.create Finance",
      "group.create Platform",
      "group.members Finance",
      "user.create new.hire@acme.test",
      "user.rename seller@acme.test",
      "user.role seller@acme.test",
    ]);

    const entries = await activityCount();
    const again = await previewImport(admin, bytes(HR_EXPORT));
    expect(again.summary).toMatchObject({ create: 0, update: 0, unchanged: 2, errors: 6, membershipsAdded: 0, membershipsRemoved: 0 });
    expect(again.groupsToCreate).toEqual([]);
    await applyImport(admin, bytes(HR_EXPORT), again.fingerprint);
    expect(await everyone()).toEqual(people);
    expect(await activityCount()).toBe(entries);
  });

  it("makes the named people's groups exactly those listed, and refuses a plan that is no longer the previewed one", async () => {
    const csv = bytes("email,groups\nseller@acme.test,sales\nnew.hire@acme.test,\n");
    const plan = await previewImport(admin, csv);
    expect(plan.rows.map((r) => [r.email, r.action, r.groupsAdded, r.groupsRemoved])).toEqual([
      ["seller@acme.test", "update", [], ["Finance"]],
      ["new.hire@acme.test", "update", [], ["engineering", "Platform"]],
    ]);
    // Another admin changes one of these people's groups between the preview and the apply.
    const newHire = (await listPeople(admin, { q: "new.hire", status: "all", offset: 0, limit: 1 })).people[0]!;
    const sales = (await listGroups(admin)).find((g) => g.name === "sales")!;
    await changeMembers(admin, sales.id, { add: [newHire.id] });
    await expect(applyImport(admin, csv, plan.fingerprint)).rejects.toMatchObject({
      type: "unprocessable",
      message: expect.stringContaining("Preview the file again"),
    });
    expect((await everyone())["seller@acme.test"]?.groups).toEqual(["Finance", "sales"]);
    const fresh = await previewImport(admin, csv);
    expect(fresh.rows[1]?.groupsRemoved).toEqual(["engineering", "Platform", "sales"]);
    await applyImport(admin, csv, fresh.fingerprint);
    expect((await everyone())["new.hire@acme.test"]?.groups).toEqual([]);
    expect((await everyone())["seller@acme.test"]?.groups).toEqual(["sales"]);
    const { entries } = await listActivity(admin.tenantId, { limit: 5, action: "group.members" });
    expect(entries.find((e) => e.targetLabel === "engineering")?.after).toEqual({ added: [], removed: ["new.hire@acme.test"] });
  });

  it("reads Korean names from UTF-8 (with or without a byte-order mark) and EUC-KR files, with Korean headers", async () => {
    const korean = "이메일,이름,역할,그룹\nminsu@acme.test,김민수,employee,개발팀|영업\njiwoo@acme.test,이지우,,개발팀\n";
    const fromBom = await previewImport(admin, new Uint8Array([0xef, 0xbb, 0xbf, ...bytes(korean)]));
    const fromUtf8 = await previewImport(admin, bytes(korean));
    const fromEucKr = await previewImport(admin, eucKr(korean));
    for (const plan of [fromBom, fromUtf8, fromEucKr]) {
      expect(plan.rows.map((r) => [r.email, r.action, r.name?.to, r.groupsAdded])).toEqual([
        ["minsu@acme.test", "create", "김민수", ["개발팀", "영업"]],
        ["jiwoo@acme.test", "create", "이지우", ["개발팀"]],
      ]);
      expect(plan.fingerprint).toBe(fromUtf8.fingerprint);
    }
    await applyImport(admin, eucKr(korean), fromEucKr.fingerprint);
    expect((await everyone())["minsu@acme.test"]).toEqual({ name: "김민수", role: "employee", groups: ["개발팀", "영업"] });
    expect((await previewImport(admin, bytes(korean))).summary).toMatchObject({ create: 0, update: 0, unchanged: 2 });
  });

  it("refuses a file without an email column, a broken quote or an empty file, and stays inside the admin's workspace", async () => {
    await expect(previewImport(admin, bytes("name,role\nA,employee\n"))).rejects.toMatchObject({
      type: "bad_request",
      message: expect.stringContaining('at least "email"'),
    });
    await expect(previewImport(admin, bytes('email,name\na@acme.test,"never closed\n'))).rejects.toMatchObject({
      message: expect.stringContaining("never closed"),
    });
    await expect(previewImport(admin, new Uint8Array())).rejects.toMatchObject({ message: "The file is empty." });
    // The same e-mail in another workspace is another person: globex's import creates its own.
    const plan = await previewImport(globexAdmin, bytes("email,name,groups\nseller@acme.test,Seller Elsewhere,sales\n"));
    expect(plan.rows[0]).toMatchObject({ action: "create", groupsAdded: ["sales"] });
    expect(plan.groupsToCreate).toEqual(["sales"]);
  });
});
