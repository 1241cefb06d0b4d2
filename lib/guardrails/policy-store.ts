import "server-only";
import type { AuthenticatedUser } from "@/lib/auth/user";
import { withTenant, type TenantTx } from "@/lib/db/tenant";
import { LoreError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { DEFAULT_POLICY, policyRulesSchema, type PolicyRules } from "@/lib/guardrails/policy";

/** The policy a turn runs under; version null means the built-in default (the tenant never saved one). */
export type ActivePolicy = { version: number | null; rules: PolicyRules };

/** The active policy: the version named by the tenant's latest activation. */
async function activePolicy(tx: TenantTx, tenantId: string): Promise<ActivePolicy> {
  // One statement (Prisma's include would be two): every chat turn starts by reading this.
  const [activation] = await tx.$queryRaw<{ version: number; rules: unknown }[]>`
    SELECT v.version, v.rules FROM policy_activations a JOIN policy_versions v ON v.id = a.policy_version_id
    WHERE a.tenant_id = ${tenantId}::uuid ORDER BY a.activated_at DESC LIMIT 1`;
  if (!activation) return { version: null, rules: DEFAULT_POLICY };
  return { version: activation.version, rules: policyRulesSchema.parse(activation.rules) };
}

export async function activePolicyOf(tenantId: string): Promise<ActivePolicy> {
  return withTenant(tenantId, (tx) => activePolicy(tx, tenantId));
}

/** Every version, newest first, with who made it, why, and which one is active. */
export async function listPolicyVersions(admin: AuthenticatedUser) {
  return withTenant(admin.tenantId, async (tx) => {
    const [versions, active, people] = [
      await tx.policyVersion.findMany({ where: { tenantId: admin.tenantId }, orderBy: { version: "desc" } }),
      await activePolicy(tx, admin.tenantId),
      await tx.user.findMany({ where: { tenantId: admin.tenantId }, select: { id: true, name: true, email: true } }),
    ];
    const names = new Map(people.map((p) => [p.id, `${p.name} <${p.email}>`]));
    return versions.map((v) => ({
      version: v.version,
      rules: policyRulesSchema.parse(v.rules),
      author: names.get(v.authorId) ?? "unknown",
      reason: v.reason,
      createdAt: v.createdAt.toISOString(),
      active: v.version === active.version,
    }));
  });
}

/**
 * Saves an edit as a new immutable version and makes it active. The rules are validated first: an
 * invalid policy is refused with the reason and nothing is stored.
 */
export async function savePolicyVersion(admin: AuthenticatedUser, rules: unknown, reason: string): Promise<number> {
  const parsed = policyRulesSchema.safeParse(rules);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new LoreError("bad_request", "policies", `The policy is not valid: ${issue ? `${issue.path.join(".")}: ${issue.message}` : "unknown problem"}`);
  }
  if (!reason.trim()) throw new LoreError("bad_request", "policies", "Say why the policy changes: the reason is kept with the version.");
  return withTenant(admin.tenantId, async (tx) => {
    await lockPolicies(tx, admin.tenantId);
    const latest = await tx.policyVersion.findFirst({ where: { tenantId: admin.tenantId }, orderBy: { version: "desc" }, select: { version: true } });
    const version = (latest?.version ?? 0) + 1;
    const created = await tx.policyVersion.create({
      data: { tenantId: admin.tenantId, version, rules: parsed.data as Prisma.InputJsonObject, authorId: admin.id, reason: reason.trim() },
    });
    await tx.policyActivation.create({ data: { tenantId: admin.tenantId, policyVersionId: created.id, activatedBy: admin.id } });
    return version;
  });
}

/** Makes an earlier (or any) version active again: a rollback is one more activation, so history is kept. */
export async function activatePolicyVersion(admin: AuthenticatedUser, version: number): Promise<void> {
  await withTenant(admin.tenantId, async (tx) => {
    await lockPolicies(tx, admin.tenantId);
    const target = await tx.policyVersion.findUnique({ where: { tenantId_version: { tenantId: admin.tenantId, version } } });
    if (!target) throw new LoreError("not_found", "policies", `There is no policy version ${version}.`);
    await tx.policyActivation.create({ data: { tenantId: admin.tenantId, policyVersionId: target.id, activatedBy: admin.id } });
  });
}

// Two administrators saving at once must get versions n and n+1, not a conflict.
async function lockPolicies(tx: TenantTx, tenantId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`policies:${tenantId}`}, 0))`;
}
