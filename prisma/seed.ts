import { readFileSync } from "node:fs";
import path from "node:path";
import { hashPassword } from "@/lib/auth/password";
import { loadUser } from "@/lib/auth/user";
import { systemDatabase } from "@/lib/db/system";
import { withTenant } from "@/lib/db/tenant";
import type { Role } from "@/lib/generated/prisma/enums";
import { DEFAULT_POLICY } from "@/lib/guardrails/policy";
import { savePolicyVersion } from "@/lib/guardrails/policy-store";
import { uploadDocument } from "@/lib/ingest/upload";

/** The password of every demo account (listed in the README). Demo data only. */
export const DEMO_PASSWORD = "lore-demo";

type DemoTenant = {
  slug: string;
  name: string;
  groups: string[];
  people: { email: string; name: string; role: Role; groups: string[] }[];
  /** readers: "everyone" or group names */
  documents: { file: string; readers: "everyone" | string[] }[];
};

export const DEMO_TENANTS: DemoTenant[] = [
  {
    slug: "acme",
    name: "Acme Corporation",
    groups: ["engineering", "sales", "hr"],
    people: [
      { email: "admin@acme.test", name: "Ada Admin", role: "admin", groups: ["hr"] },
      { email: "auditor@acme.test", name: "Otto Auditor", role: "auditor", groups: [] },
      { email: "alice@acme.test", name: "Alice Engineer", role: "employee", groups: ["engineering"] },
      { email: "bob@acme.test", name: "Bob Seller", role: "employee", groups: ["sales"] },
      { email: "minsu@acme.test", name: "김민수", role: "employee", groups: ["engineering"] },
    ],
    documents: [
      { file: "acme/employee-handbook.md", readers: "everyone" },
      { file: "acme/benefits-ko.md", readers: "everyone" },
      { file: "acme/sales-compensation.md", readers: ["sales"] },
      { file: "acme/oncall-ko.md", readers: ["engineering"] },
      { file: "acme/payment-outage-postmortem.md", readers: ["engineering"] },
    ],
  },
  {
    slug: "globex",
    name: "Globex",
    groups: ["research", "operations"],
    people: [
      { email: "admin@globex.test", name: "Grace Admin", role: "admin", groups: [] },
      { email: "auditor@globex.test", name: "Gus Auditor", role: "auditor", groups: [] },
      { email: "jiwoo@globex.test", name: "이지우", role: "employee", groups: ["research"] },
      { email: "sam@globex.test", name: "Sam Operator", role: "employee", groups: ["operations"] },
    ],
    documents: [
      { file: "globex/travel-policy.md", readers: "everyone" },
      { file: "globex/lab-security-ko.md", readers: ["research"] },
    ],
  },
];

/** Creates the demo tenants, their people and groups, and indexes their documents through the real upload path. */
export async function seedDemoTenants(): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const spec of DEMO_TENANTS) {
    const tenant = await systemDatabase("tenant-directory").prisma.tenant.create({ data: { slug: spec.slug, name: spec.name } });
    const groupIds = await withTenant(tenant.id, async (tx) => {
      const ids = new Map<string, string>();
      for (const name of spec.groups) ids.set(name, (await tx.group.create({ data: { tenantId: tenant.id, name } })).id);
      for (const person of spec.people) {
        const user = await tx.user.create({ data: { tenantId: tenant.id, email: person.email, name: person.name, role: person.role, passwordHash } });
        for (const group of person.groups) {
          await tx.groupMembership.create({ data: { tenantId: tenant.id, groupId: ids.get(group)!, userId: user.id } });
        }
      }
      return ids;
    });
    const admin = await loadUser(tenant, { email: spec.people.find((p) => p.role === "admin")!.email });
    // The policy history starts at version 1, so every decision record names a version an auditor can open.
    await savePolicyVersion(admin!, DEFAULT_POLICY, "Initial policy: Lore's recommended defaults");
    for (const document of spec.documents) {
      const file = path.join(/*turbopackIgnore: true*/ process.cwd(), "prisma/demo-documents", document.file);
      await uploadDocument(admin!, {
        fileName: path.basename(file),
        bytes: readFileSync(file),
        readers:
          document.readers === "everyone" ? { everyone: true } : { everyone: false, groupIds: document.readers.map((g) => groupIds.get(g)!), userIds: [] },
      });
    }
  }
}
