import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "@/lib/auth/authenticate";
import { listActivity } from "@/lib/auth/people/activity";
import { setPasswordWithLink } from "@/lib/auth/people/welcome-links";
import { findTenant, listTenants } from "@/lib/auth/tenants";
import { createWorkspace, listWorkspaces } from "@/lib/auth/workspaces";
import type { Database } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { activePolicyOf } from "@/lib/guardrails/policy-store";
import { DEFAULT_POLICY } from "@/lib/guardrails/policy";
import { migratedDatabase } from "@/tests/support/database";

// Issue 7 point 3: an instance's operator creates a workspace with its first admin, who sets their
// own password through a one-time link; the policy starts at the recommended defaults.
let db: Database;
beforeAll(async () => {
  db = await migratedDatabase();
});
afterAll(() => db.close());

const tokenOf = (welcomePath: string) => new URLSearchParams(welcomePath.split("?")[1]).get("token")!;

describe("creating a workspace", () => {
  it("adds the tenant, its admin (who sets a password through the link), the default policy and two log entries", async () => {
    const created = await createWorkspace({ slug: " initech ", name: "Initech", adminEmail: "Peter@Initech.test", adminName: "Peter Gibbons" });
    expect(created.tenant).toMatchObject({ slug: "initech", name: "Initech" });
    expect(created.admin.email).toBe("peter@initech.test");
    expect(created.welcomePath).toMatch(/^\/welcome\?workspace=initech&token=[\w-]{43}$/);

    // No password works until the admin chose one through the link.
    expect(await authenticate("initech", "peter@initech.test", "a long enough passphrase")).toMatchObject({ ok: false });
    expect(await setPasswordWithLink("initech", tokenOf(created.welcomePath), "a long enough passphrase")).toEqual({ ok: true, email: "peter@initech.test" });
    expect(await authenticate("initech", "peter@initech.test", "a long enough passphrase")).toMatchObject({ ok: true, user: { role: "admin" } });

    expect(await activePolicyOf(created.tenant.id)).toEqual({ version: 1, rules: DEFAULT_POLICY });
    const { entries } = await listActivity(created.tenant.id, { limit: 50 });
    expect(entries.map((e) => [e.action, e.actorLabel, e.targetLabel]).sort()).toEqual([
      ["user.create", "operator", "peter@initech.test"],
      ["user.password_set", "peter@initech.test", "peter@initech.test"],
      ["workspace.create", "operator", "initech"],
    ]);
    expect(entries.find((e) => e.action === "workspace.create")?.after).toEqual({ slug: "initech", name: "Initech", admin: "peter@initech.test" });
  });

  it("names a Korean workspace and admin, and takes the admin's name from the e-mail when none is given", async () => {
    const korean = await createWorkspace({ slug: "hanbit", name: "한빛 주식회사", adminEmail: "admin@hanbit.test", adminName: "김하늘" });
    expect(await findTenant({ slug: "hanbit" })).toMatchObject({ name: "한빛 주식회사" });
    const unnamed = await createWorkspace({ slug: "umbrella-2", name: "Umbrella", adminEmail: "root@umbrella.test" });
    const names = async (tenantId: string) => withTenant(tenantId, (tx) => tx.user.findMany({ where: { tenantId }, select: { name: true, role: true } }));
    expect(await names(korean.tenant.id)).toEqual([{ name: "김하늘", role: "admin" }]);
    expect(await names(unnamed.tenant.id)).toEqual([{ name: "root", role: "admin" }]);
  });

  it("refuses a taken slug without changing the existing workspace or adding anything", async () => {
    const before = await listWorkspaces();
    await expect(createWorkspace({ slug: "initech", name: "Another Initech", adminEmail: "intruder@evil.test" })).rejects.toMatchObject({
      type: "unprocessable",
      message: 'A workspace "initech" already exists; nothing was changed. Choose another slug.',
    });
    // Slugs are compared as typed at sign-in: lower case.
    await expect(createWorkspace({ slug: "INITECH", name: "Shouting", adminEmail: "x@evil.test" })).rejects.toMatchObject({ type: "bad_request" });
    expect(await listWorkspaces()).toEqual(before);
    expect(before.find((w) => w.slug === "initech")).toMatchObject({ name: "Initech", people: 1, admins: ["peter@initech.test"] });
  });

  it("refuses an invalid slug, e-mail or name with a clear message and creates nothing", async () => {
    const count = (await listTenants()).length;
    const refused = async (input: Parameters<typeof createWorkspace>[0]) =>
      createWorkspace(input).then(
        () => "created",
        (error: { type: string; message: string }) => `${error.type}: ${error.message}`,
      );
    expect(await refused({ slug: "a", name: "A", adminEmail: "a@a.test" })).toBe("bad_request: A workspace slug has at least 2 characters.");
    expect(await refused({ slug: "acme corp", name: "A", adminEmail: "a@a.test" })).toMatch(
      /^bad_request: A workspace slug uses lower-case letters a-z, digits and inner hyphens only/,
    );
    expect(await refused({ slug: "-acme", name: "A", adminEmail: "a@a.test" })).toMatch(/inner hyphens/);
    expect(await refused({ slug: "회사", name: "A", adminEmail: "a@a.test" })).toMatch(/lower-case letters a-z/);
    expect(await refused({ slug: "good", name: "A", adminEmail: "not-an-email" })).toBe("bad_request: This is not an e-mail address.");
    expect(await refused({ slug: "good", name: "  ", adminEmail: "a@a.test" })).toBe("bad_request: Give the workspace a name.");
    expect(await refused({ slug: "good", name: "Nul\u0000Corp", adminEmail: "a@a.test" })).toMatch(/cannot be stored/);
    expect(await refused({ slug: "good", name: "Good", adminEmail: "a@a.test", adminName: "\ud800" })).toMatch(/cannot be stored/);
    expect(await listTenants()).toHaveLength(count);
  });

  it("lets only one of two simultaneous creations of a slug win", async () => {
    const results = await Promise.allSettled([
      createWorkspace({ slug: "race", name: "Race A", adminEmail: "a@race.test" }),
      createWorkspace({ slug: "race", name: "Race B", adminEmail: "b@race.test" }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { message: expect.stringContaining('"race" already exists') } });
    expect((await listWorkspaces()).filter((w) => w.slug === "race")).toEqual([expect.objectContaining({ people: 1 })]);
  });

  it("lists every workspace with its people and admins", async () => {
    expect((await listWorkspaces()).map((w) => w.slug)).toEqual(["hanbit", "initech", "race", "umbrella-2"]);
  });
});
