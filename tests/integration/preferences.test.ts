import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { savedPreferences, savePreference } from "@/lib/i18n/preferences";
import { migratedDatabase } from "@/tests/support/database";
import { createTenant } from "@/tests/support/fixtures";

let db: Database;
let acme: Awaited<ReturnType<typeof createTenant>>;
let globex: Awaited<ReturnType<typeof createTenant>>;

beforeAll(async () => {
  db = await migratedDatabase();
  acme = await createTenant(
    "acme",
    [],
    [
      { key: "minsu", role: "employee", groups: [] },
      { key: "alice", role: "employee", groups: [] },
    ],
  );
  globex = await createTenant("globex", [], [{ key: "jiwoo", role: "employee", groups: [] }]);
});
afterAll(() => db.close());

describe("interface preferences kept with the person", () => {
  it("stores language and theme separately, per person, and nothing for those who never chose", async () => {
    const minsu = acme.users.minsu!;
    expect(await savedPreferences(minsu)).toEqual({ locale: null, theme: null });
    await savePreference(minsu, { locale: "ko" });
    await savePreference(minsu, { theme: "dark" });
    await savePreference(minsu, { locale: "en" });
    expect(await savedPreferences(minsu)).toEqual({ locale: "en", theme: "dark" });
    expect(await savedPreferences(acme.users.alice!)).toEqual({ locale: null, theme: null });
  });

  it("keeps them inside the tenant: another tenant's transaction sees none of them", async () => {
    await savePreference(globex.users.jiwoo!, { locale: "ko" });
    const seenFromAcme = await withTenant(acme.tenant.id, (tx) => tx.userPreference.findMany());
    expect(seenFromAcme.map((p) => p.userId).sort()).toEqual([acme.users.minsu!.id]);
  });
});
