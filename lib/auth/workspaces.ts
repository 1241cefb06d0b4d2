import "server-only";
import { z } from "zod";
import { recordActivity, type Actor } from "@/lib/auth/people/activity";
import { emailSchema, personNameSchema, valid } from "@/lib/auth/people/fields";
import { createWelcomeLink } from "@/lib/auth/people/welcome-links";
import { addTenant, listTenants, removeEmptyTenant } from "@/lib/auth/tenants";
import { loadUser } from "@/lib/auth/user";
import { withTenant } from "@/lib/db/tenant";
import { LoreError } from "@/lib/errors";
import { DEFAULT_POLICY } from "@/lib/guardrails/policy";
import { savePolicyVersion } from "@/lib/guardrails/policy-store";
import { isCleanText } from "@/lib/text/hygiene";

/**
 * Workspaces as an instance's operator creates them (`npm run workspace`): the tenant, its first
 * admin, who sets their own password through a one-time link, and the recommended guardrail policy
 * as version 1 (as the demo seed does). From then on the admin manages the workspace's people.
 */
const SURFACE = "workspaces";
const OPERATOR: Actor = { userId: null, label: "operator" };

// The slug is what people type at sign-in and what appears in links: short, lower case, unambiguous.
export const workspaceSlugSchema = z
  .string({ message: "Give the workspace a slug." })
  .trim()
  .min(2, "A workspace slug has at least 2 characters.")
  .max(40, "A workspace slug has at most 40 characters.")
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, "A workspace slug uses lower-case letters a-z, digits and inner hyphens only (for example acme or acme-korea).");

export const newWorkspaceSchema = z.object({
  slug: workspaceSlugSchema,
  name: z
    .string({ message: "Give the workspace a name." })
    .trim()
    .min(1, "Give the workspace a name.")
    .max(200, "A workspace name has at most 200 characters.")
    .refine((name) => isCleanText(name), { message: "The workspace name contains characters that cannot be stored (NUL or a broken surrogate)." }),
  adminEmail: emailSchema,
  adminName: personNameSchema.optional(),
});
export type NewWorkspace = z.input<typeof newWorkspaceSchema>;

export type CreatedWorkspace = { tenant: { id: string; slug: string; name: string }; admin: { id: string; email: string }; welcomePath: string };

/**
 * Creates a workspace with its first admin. A taken slug is refused (never a second workspace, never a
 * change to the existing one); if the admin cannot be added, the empty tenant is removed again, so a
 * failed run can simply be repeated.
 */
export async function createWorkspace(input: NewWorkspace): Promise<CreatedWorkspace> {
  const spec = valid(newWorkspaceSchema, input, SURFACE);
  const tenant = await addTenant(spec.slug, spec.name);
  if (!tenant) throw new LoreError("unprocessable", SURFACE, `A workspace "${spec.slug}" already exists; nothing was changed. Choose another slug.`);
  let created: { admin: { id: string; email: string }; welcomePath: string };
  try {
    created = await withTenant(tenant.id, async (tx) => {
      const admin = await tx.user.create({
        data: { tenantId: tenant.id, email: spec.adminEmail, name: spec.adminName ?? spec.adminEmail.split("@")[0]!, role: "admin" },
        select: { id: true, email: true, name: true },
      });
      const welcomePath = await createWelcomeLink(tx, tenant, admin.id, null);
      await recordActivity(tx, tenant.id, OPERATOR, {
        action: "workspace.create",
        targetType: "workspace",
        targetId: tenant.id,
        targetLabel: tenant.slug,
        after: { slug: tenant.slug, name: tenant.name, admin: admin.email },
      });
      await recordActivity(tx, tenant.id, OPERATOR, {
        action: "user.create",
        targetType: "user",
        targetId: admin.id,
        targetLabel: admin.email,
        after: { name: admin.name, role: "admin", groups: [] },
      });
      return { admin: { id: admin.id, email: admin.email }, welcomePath };
    });
  } catch (error) {
    await removeEmptyTenant(tenant.id);
    throw error;
  }
  // Version 1 of the policy names its author, so it is saved in the admin's name (the activity log says the operator created both).
  const admin = await loadUser(tenant, { id: created.admin.id });
  await savePolicyVersion(admin!, DEFAULT_POLICY, "Initial policy: Lore's recommended defaults");
  return { tenant, ...created };
}

export type WorkspaceSummary = { slug: string; name: string; createdAt: string; people: number; admins: string[] };

/** Every workspace with how many people it has and its active admins' e-mails. */
export async function listWorkspaces(): Promise<WorkspaceSummary[]> {
  const summaries: WorkspaceSummary[] = [];
  for (const tenant of await listTenants()) {
    const { people, admins } = await withTenant(tenant.id, async (tx) => ({
      people: await tx.user.count({ where: { tenantId: tenant.id } }),
      admins: await tx.user.findMany({ where: { tenantId: tenant.id, role: "admin", active: true }, select: { email: true }, orderBy: { email: "asc" } }),
    }));
    summaries.push({ slug: tenant.slug, name: tenant.name, createdAt: tenant.createdAt.toISOString(), people, admins: admins.map((a) => a.email) });
  }
  return summaries;
}
