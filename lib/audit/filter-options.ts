import "server-only";
import type { AuthenticatedUser } from "@/lib/auth/user";
import { config } from "@/lib/config";
import { withTenant } from "@/lib/db/tenant";
import { builtInDetectors } from "@/lib/guardrails/detectors";
import { RULE_NAMES } from "@/lib/guardrails/verdicts";

/** What the console's filter offers to choose from: the workspace's people and groups, the rules, detectors and models. */
export async function filterOptions(reader: AuthenticatedUser) {
  const { people, groups } = await withTenant(reader.tenantId, async (tx) => ({
    people: await tx.user.findMany({ where: { tenantId: reader.tenantId }, select: { email: true }, orderBy: { email: "asc" }, take: 2000 }),
    groups: await tx.group.findMany({ where: { tenantId: reader.tenantId }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
  }));
  const model = config().llm?.model;
  return {
    people: people.map((p) => p.email),
    groups,
    rules: RULE_NAMES,
    detectors: Object.keys(builtInDetectors),
    models: ["extractive", ...(model ? [model] : [])],
  };
}

export type FilterOptions = Awaited<ReturnType<typeof filterOptions>>;
