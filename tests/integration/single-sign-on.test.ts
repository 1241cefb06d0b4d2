import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listActivity } from "@/lib/auth/people/activity";
import { updatePerson } from "@/lib/auth/people/people";
import { signInFromIdentityProvider, workspaceOf, type IdentityClaims } from "@/lib/auth/single-sign-on";
import type { AuthenticatedUser } from "@/lib/auth/user";
import type { OidcSettings } from "@/lib/config";
import type { Database } from "@/lib/db/client";
import { migratedDatabase } from "@/tests/support/database";
import { createTenant } from "@/tests/support/fixtures";

let db: Database;
let admin: AuthenticatedUser;
let seller: AuthenticatedUser;

const settings: OidcSettings = {
  issuer: "https://idp.example",
  clientId: "lore",
  clientSecret: "secret",
  displayName: "Example SSO",
  scopes: "openid email profile",
  groupsClaim: "groups",
  roleClaim: "role",
  workspaces: { "acme.test": "acme", "subsidiary.test": "acme", "globex.test": "globex" },
};
const claims = (subject: string, extra: Partial<IdentityClaims>): IdentityClaims => ({
  subject,
  email: undefined,
  emailVerified: true,
  name: undefined,
  groups: undefined,
  role: undefined,
  ...extra,
});

beforeAll(async () => {
  db = await migratedDatabase();
  const acme = await createTenant(
    "acme",
    ["sales", "engineering"],
    [
      { key: "admin", role: "admin", groups: [] },
      { key: "seller", role: "employee", groups: ["sales"] },
    ],
  );
  admin = acme.users.admin!;
  seller = acme.users.seller!;
  await createTenant("globex", [], [{ key: "admin", role: "admin", groups: [] }]);
});
afterAll(() => db.close());

describe("single sign-on", () => {
  it("maps e-mail domains to workspaces, with * for the rest", () => {
    expect(workspaceOf("a@subsidiary.test", settings.workspaces)).toBe("acme");
    expect(workspaceOf("a@elsewhere.test", settings.workspaces)).toBeNull();
    expect(workspaceOf("a@elsewhere.test", { ...settings.workspaces, "*": "globex" })).toBe("globex");
  });

  it("adds a newcomer to the mapped workspace with the claimed groups (created if new) and role, in Korean too", async () => {
    const result = await signInFromIdentityProvider(
      settings,
      claims("sub-1", { email: "Yuna@Subsidiary.test", name: "한유나", groups: ["sales", "재무팀"], role: "Auditor" }),
    );
    expect(result).toMatchObject({
      ok: true,
      user: { email: "yuna@subsidiary.test", name: "한유나", tenantSlug: "acme", role: "auditor", groupNames: ["sales", "재무팀"] },
    });
    const log = await listActivity(admin.tenantId, { actor: "single sign-on", limit: 20 });
    expect(log.entries.map((e) => `${e.action} ${e.targetLabel}`).reverse()).toEqual([
      "user.provision yuna@subsidiary.test",
      "user.role yuna@subsidiary.test",
      "group.create 재무팀",
      "group.members sales",
      "group.members 재무팀",
    ]);
  });

  it("applies changed claims at the next sign-in, found by subject even after an e-mail change", async () => {
    const result = await signInFromIdentityProvider(
      settings,
      claims("sub-1", { email: "yuna.han@subsidiary.test", groups: ["engineering"], role: "employee" }),
    );
    // The person is the same (the subject decides); groups become exactly the claimed ones.
    expect(result).toMatchObject({ ok: true, user: { email: "yuna@subsidiary.test", role: "employee", groupNames: ["engineering"] } });
    // Without a groups claim, groups are left as they are.
    expect(await signInFromIdentityProvider(settings, claims("sub-1", { email: "yuna@subsidiary.test" }))).toMatchObject({
      ok: true,
      user: { groupNames: ["engineering"] },
    });
  });

  it("links an existing person by e-mail the first time", async () => {
    const result = await signInFromIdentityProvider(settings, claims("sub-seller", { email: "seller@acme.test", groups: ["sales"] }));
    expect(result).toMatchObject({ ok: true, user: { id: seller.id, groupNames: ["sales"] } });
  });

  it("refuses an unmapped domain, an unverified e-mail, a missing e-mail and a deactivated person", async () => {
    expect(await signInFromIdentityProvider(settings, claims("sub-2", { email: "x@elsewhere.test" }))).toEqual({ ok: false, reason: "sso_unmapped" });
    // Not even linked: an unverified claim to an existing person's address is how accounts get taken over.
    expect(await signInFromIdentityProvider(settings, claims("sub-3", { email: "admin@acme.test", emailVerified: false }))).toEqual({
      ok: false,
      reason: "sso_unverified_email",
    });
    expect(await signInFromIdentityProvider(settings, claims("sub-4", { email: undefined }))).toEqual({ ok: false, reason: "sso_no_email" });
    await updatePerson(admin, seller.id, { active: false });
    expect(await signInFromIdentityProvider(settings, claims("sub-seller", { email: "seller@acme.test" }))).toEqual({ ok: false, reason: "sso_deactivated" });
    // A mapping to a workspace that does not exist is refused like an unmapped domain.
    expect(await signInFromIdentityProvider({ ...settings, workspaces: { "acme.test": "nowhere" } }, claims("sub-5", { email: "a@acme.test" }))).toEqual({
      ok: false,
      reason: "sso_unmapped",
    });
  });

  it("keeps workspaces apart: the same subject in another workspace is another person", async () => {
    const result = await signInFromIdentityProvider(settings, claims("sub-1", { email: "yuna@globex.test" }));
    expect(result).toMatchObject({ ok: true, user: { tenantSlug: "globex", email: "yuna@globex.test", groupNames: [] } });
  });
});
