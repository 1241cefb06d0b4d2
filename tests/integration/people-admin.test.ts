import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "@/lib/auth/authenticate";
import { listActivity } from "@/lib/auth/people/activity";
import { changeMembers, createGroup, deleteGroup, listGroups, renameGroup } from "@/lib/auth/people/groups";
import { createPerson, issueWelcomeLink, listPeople, updatePerson } from "@/lib/auth/people/people";
import { setPasswordWithLink, welcomeLinkHolder } from "@/lib/auth/people/welcome-links";
import { openSession, touchSession } from "@/lib/auth/sessions";
import { loadUser, type AuthenticatedUser } from "@/lib/auth/user";
import type { Database } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { acceptUploads } from "@/lib/ingest/upload";
import { asOwnerInTenant, migratedDatabase } from "@/tests/support/database";
import { bytes, createTenant } from "@/tests/support/fixtures";

let db: Database;
let acme: Awaited<ReturnType<typeof createTenant>>;
let admin: AuthenticatedUser;
let otherAdmin: AuthenticatedUser;
let globexAdmin: AuthenticatedUser;

beforeAll(async () => {
  db = await migratedDatabase();
  acme = await createTenant(
    "acme",
    ["sales"],
    [
      { key: "admin", role: "admin", groups: [] },
      { key: "admin2", role: "admin", groups: [] },
      { key: "seller", role: "employee", groups: ["sales"] },
    ],
  );
  admin = acme.users.admin!;
  otherAdmin = acme.users.admin2!;
  globexAdmin = (await createTenant("globex", [], [{ key: "admin", role: "admin", groups: [] }])).users.admin!;
});
afterAll(() => db.close());

const tokenOf = (welcomePath: string) => new URLSearchParams(welcomePath.split("?")[1]).get("token")!;
const current = async (person: { id: string }) => loadUser(acme.tenant, { id: person.id });

describe("people", () => {
  it("adds someone who then sets their own password through a one-time link, in Korean too", async () => {
    const { person, welcomePath } = await createPerson(admin, {
      email: " Jiwoo.Lee@ACME.test ",
      name: "이지우",
      role: "employee",
      groupIds: [acme.groupIds.sales!],
    });
    expect(person).toMatchObject({
      email: "jiwoo.lee@acme.test",
      name: "이지우",
      role: "employee",
      active: true,
      hasPassword: false,
      groups: [{ name: "sales" }],
    });
    expect(welcomePath).toMatch(/^\/welcome\?workspace=acme&token=[\w-]{43}$/);
    // Until the password is set, no password signs in (not even the decoy's).
    expect(await authenticate("acme", "jiwoo.lee@acme.test", "decoy password")).toEqual({ ok: false, reason: "invalid_credentials" });

    const token = tokenOf(welcomePath);
    expect(await welcomeLinkHolder("acme", token)).toMatchObject({ email: "jiwoo.lee@acme.test", name: "이지우" });
    expect(await welcomeLinkHolder("globex", token)).toBeNull();
    expect(await setPasswordWithLink("acme", token, "짧은암호")).toMatchObject({ ok: false, reason: "weak_password" });
    expect(await setPasswordWithLink("acme", token, "비밀번호는 열두 글자 이상")).toEqual({ ok: true, email: "jiwoo.lee@acme.test" });
    expect(await authenticate("acme", "jiwoo.lee@acme.test", "비밀번호는 열두 글자 이상")).toMatchObject({ ok: true });
    // A link works once.
    expect(await setPasswordWithLink("acme", token, "another long passphrase")).toMatchObject({ ok: false, reason: "invalid_link" });
    expect(await welcomeLinkHolder("acme", token)).toBeNull();
  });

  it("a reset link voids the older one, and using it ends the person's sessions", async () => {
    const { person, welcomePath: first } = await createPerson(admin, { email: "reset@acme.test", name: "Reset Me" });
    const { welcomePath: second } = await issueWelcomeLink(admin, person.id);
    expect(await setPasswordWithLink("acme", tokenOf(first), "a long enough passphrase")).toMatchObject({ reason: "invalid_link" });
    expect(await setPasswordWithLink("acme", tokenOf(second), "a long enough passphrase")).toMatchObject({ ok: true });
    const session = await openSession({ id: person.id, tenantId: admin.tenantId }, "password");
    const { welcomePath: third } = await issueWelcomeLink(admin, person.id);
    expect(await setPasswordWithLink("acme", tokenOf(third), "a new long passphrase")).toMatchObject({ ok: true });
    expect(await withTenant(admin.tenantId, (tx) => touchSession(tx, { id: session, userId: person.id }))).toBe(false);
  });

  it("refuses a duplicate e-mail, a name that cannot be stored and another workspace's group", async () => {
    await expect(createPerson(admin, { email: "SELLER@acme.test", name: "Again" })).rejects.toMatchObject({
      type: "unprocessable",
      message: "seller@acme.test is already in this workspace.",
    });
    await expect(createPerson(admin, { email: "nul@acme.test", name: "Nul\u0000Person" })).rejects.toMatchObject({
      type: "bad_request",
      message: expect.stringMatching(/cannot be stored/),
    });
    await expect(createPerson(admin, { email: "not-an-email", name: "X" })).rejects.toMatchObject({
      type: "bad_request",
      message: "This is not an e-mail address.",
    });
    const globexGroup = await createGroup(globexAdmin, "research");
    await expect(createPerson(admin, { email: "spy@acme.test", name: "Spy", groupIds: [globexGroup.id] })).rejects.toMatchObject({ type: "not_found" });
    expect((await listPeople(admin, { status: "all", offset: 0, limit: 100, q: "spy" })).total).toBe(0);
  });

  it("changes roles at once, and deactivation ends every session and refuses sign-in", async () => {
    const seller = acme.users.seller!;
    const session = await openSession(seller, "password");
    expect((await updatePerson(admin, seller.id, { role: "auditor" })).role).toBe("auditor");
    expect((await current(seller))?.role).toBe("auditor");

    await updatePerson(admin, seller.id, { active: false });
    expect(await current(seller)).toBeNull();
    expect(await withTenant(admin.tenantId, (tx) => touchSession(tx, { id: session, userId: seller.id }))).toBe(false);
    expect((await listPeople(admin, { status: "deactivated", offset: 0, limit: 100 })).people.map((p) => p.email)).toEqual(["seller@acme.test"]);

    await updatePerson(admin, seller.id, { active: true, role: "employee" });
    expect((await current(seller))?.role).toBe("employee");
    // The old session stays ended: reactivation does not bring sessions back.
    expect(await withTenant(admin.tenantId, (tx) => touchSession(tx, { id: session, userId: seller.id }))).toBe(false);

    const log = await listActivity(admin.tenantId, { target: "seller@acme.test", limit: 50 });
    expect(log.entries.map((e) => [e.action, e.actorLabel, e.before, e.after]).reverse()).toEqual([
      ["user.role", "admin@acme.test", { role: "employee" }, { role: "auditor" }],
      ["user.deactivate", "admin@acme.test", { active: true }, { active: false, endedSessions: 1 }],
      ["user.role", "admin@acme.test", { role: "auditor" }, { role: "employee" }],
      ["user.reactivate", "admin@acme.test", { active: false }, { active: true }],
    ]);
  });

  it("keeps an active admin, and admins do not demote themselves", async () => {
    await expect(updatePerson(admin, admin.id, { role: "employee" })).rejects.toMatchObject({ message: expect.stringMatching(/own admin role/) });
    await expect(updatePerson(admin, admin.id, { active: false })).rejects.toMatchObject({ type: "unprocessable" });
    // Two admins demoting each other at the same moment: exactly one succeeds.
    const results = await Promise.allSettled([
      updatePerson(admin, otherAdmin.id, { role: "employee" }),
      updatePerson(otherAdmin, admin.id, { role: "employee" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const admins = (await listPeople(admin, { role: "admin", status: "active", offset: 0, limit: 10 })).people;
    expect(admins).toHaveLength(1);
    const survivor = admins[0]!.id === admin.id ? admin : otherAdmin;
    const demoted = survivor === admin ? otherAdmin : admin;
    await updatePerson(survivor, demoted.id, { role: "admin" });
  });

  it("never touches another workspace's people", async () => {
    await expect(updatePerson(globexAdmin, acme.users.seller!.id, { active: false })).rejects.toMatchObject({ type: "not_found" });
    await expect(issueWelcomeLink(globexAdmin, acme.users.seller!.id)).rejects.toMatchObject({ type: "not_found" });
    await expect(updatePerson(admin, "not-a-uuid", { name: "x" })).rejects.toMatchObject({ type: "not_found" });
    expect((await listPeople(globexAdmin, { status: "all", offset: 0, limit: 100 })).people.map((p) => p.email)).toEqual(["admin@globex.test"]);
  });

  it("searches by name or e-mail, by group and by role", async () => {
    const all = { status: "all", offset: 0, limit: 100 } as const;
    expect((await listPeople(admin, { ...all, q: "지우" })).people.map((p) => p.email)).toEqual(["jiwoo.lee@acme.test"]);
    expect((await listPeople(admin, { ...all, q: "ACME.TEST" })).total).toBeGreaterThanOrEqual(5);
    expect((await listPeople(admin, { ...all, groupId: acme.groupIds.sales! })).people.map((p) => p.email).sort()).toEqual([
      "jiwoo.lee@acme.test",
      "seller@acme.test",
    ]);
    expect((await listPeople(admin, { ...all, limit: 2 })).people).toHaveLength(2);
  });
});

describe("groups", () => {
  it("creates, renames and fills groups; a member's access follows at once", async () => {
    const group = await createGroup(admin, "  인사팀 ");
    expect(group).toMatchObject({ name: "인사팀", memberCount: 0 });
    await expect(createGroup(admin, "SALES")).rejects.toMatchObject({ message: 'There is already a group called "sales".' });
    await expect(createGroup(admin, "")).rejects.toMatchObject({ type: "bad_request" });

    const seller = acme.users.seller!;
    const jiwoo = (await listPeople(admin, { status: "all", offset: 0, limit: 10, q: "jiwoo" })).people[0]!;
    expect(await changeMembers(admin, group.id, { add: [seller.id, jiwoo.id, seller.id] })).toEqual({ added: 2, removed: 0, memberCount: 2 });
    expect((await current(seller))?.groupIds).toContain(group.id);
    expect(await changeMembers(admin, group.id, { add: [seller.id], remove: [jiwoo.id] })).toEqual({ added: 0, removed: 1, memberCount: 1 });
    await expect(changeMembers(admin, group.id, { add: [globexAdmin.id] })).rejects.toMatchObject({ type: "not_found" });
    await expect(changeMembers(admin, group.id, {})).rejects.toMatchObject({ type: "bad_request", message: "Say whom to add or remove." });

    const renamed = await renameGroup(admin, group.id, "People team");
    expect(renamed).toMatchObject({ name: "People team", memberCount: 1 });
    expect((await listGroups(admin)).map((g) => [g.name, g.memberCount])).toEqual([
      ["People team", 1],
      ["sales", 2],
    ]);

    const log = await listActivity(admin.tenantId, { target: "people team", limit: 10 });
    expect(log.entries[0]).toMatchObject({ action: "group.rename", before: { name: "인사팀" }, after: { name: "People team" } });
    const members = await listActivity(admin.tenantId, { action: "group.members", limit: 10 });
    expect(members.entries.map((e) => e.after)).toEqual([
      { added: [], removed: ["jiwoo.lee@acme.test"] },
      { added: ["jiwoo.lee@acme.test", "seller@acme.test"], removed: [] },
    ]);
  });

  it("does not delete a group that documents are shared with, and deletes one that none are", async () => {
    const readers = await createGroup(admin, "readers");
    await acceptUploads(admin, {
      files: [{ fileName: "memo.md", bytes: bytes("# Memo\n\nFor readers only.\n") }],
      readers: { everyone: false, groupIds: [readers.id], userIds: [] },
    });
    await expect(deleteGroup(admin, readers.id)).rejects.toMatchObject({ type: "unprocessable", message: expect.stringMatching(/may read 1 document\b/) });
    const spare = await createGroup(admin, "spare");
    await changeMembers(admin, spare.id, { add: [acme.users.seller!.id] });
    await deleteGroup(admin, spare.id);
    expect((await listGroups(admin)).map((g) => g.name)).not.toContain("spare");
    expect((await listActivity(admin.tenantId, { action: "group.delete", limit: 1 })).entries[0]).toMatchObject({
      targetLabel: "spare",
      before: { members: ["seller@acme.test"] },
    });
    await expect(deleteGroup(globexAdmin, readers.id)).rejects.toMatchObject({ type: "not_found" });
  });
});

describe("the admin activity log", () => {
  it("cannot be changed or deleted, even by the database owner", async () => {
    await expect(asOwnerInTenant(admin.tenantId, `UPDATE admin_activity SET actor_label = 'someone else'`)).rejects.toThrow(/append-only/);
    await expect(asOwnerInTenant(admin.tenantId, `DELETE FROM admin_activity`)).rejects.toThrow(/append-only/);
  });

  it("is read page by page without losing entries written in one transaction, and only within the workspace", async () => {
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const page = await listActivity(admin.tenantId, { limit: 3, after });
      seen.push(...page.entries.map((e) => e.id));
      after = page.next ?? undefined;
    } while (after);
    const everything = await listActivity(admin.tenantId, { limit: 200 });
    expect(seen).toEqual(everything.entries.map((e) => e.id));
    expect(new Set(seen).size).toBe(seen.length);
    expect((await listActivity(globexAdmin.tenantId, { limit: 200 })).entries.map((e) => e.action)).toEqual(["group.create"]);
  });

  it("filters by actor and time", async () => {
    expect((await listActivity(admin.tenantId, { actor: "admin2", limit: 200 })).entries.every((e) => e.actorLabel === "admin2@acme.test")).toBe(true);
    expect((await listActivity(admin.tenantId, { from: new Date(Date.now() + 60_000), limit: 200 })).entries).toEqual([]);
  });
});
