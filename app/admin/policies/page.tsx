import { ShieldCheck } from "lucide-react";
import { policyCatalog } from "@/components/admin/policies/catalog";
import { detectorNamesOf } from "@/components/admin/policies/labels";
import { PolicyEditor } from "@/components/admin/policies/policy-editor";
import { VersionHistory } from "@/components/admin/policies/version-history";
import { pageUser } from "@/lib/auth/page-access";
import { activePolicyOf, listPolicyVersions } from "@/lib/guardrails/policy-store";
import { policyHitCounts } from "@/lib/guardrails/policy-stats";

export const dynamic = "force-dynamic";

export default async function PoliciesPage() {
  const user = await pageUser();
  if (user.role !== "admin") return null; // the layout shows why
  const [active, versions, hits] = [await activePolicyOf(user.tenantId), await listPolicyVersions(user), await policyHitCounts(user)];
  const catalog = policyCatalog();
  const detectorNames = detectorNamesOf(catalog.pii);
  const activeVersion = versions.find((v) => v.active);
  return (
    <div className="mx-auto max-w-7xl space-y-6 p-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Policies</h1>
          <p className="text-sm text-slate-500">What the guardrails look for in questions, documents and answers, and what happens when they find it.</p>
        </div>
        <div className="flex items-center gap-2 rounded-lg border border-slate-200 bg-white px-3 py-2 text-sm shadow-sm" data-testid="active-policy">
          <ShieldCheck className="size-4 text-emerald-600" aria-hidden />
          {activeVersion ? (
            <span>
              Active: <span className="font-semibold">version {activeVersion.version}</span> <span className="text-slate-500">· {activeVersion.author}</span>
            </span>
          ) : (
            <span>
              Active: <span className="font-semibold">built-in defaults</span>
            </span>
          )}
        </div>
      </div>
      <PolicyEditor active={active} latestVersion={versions[0]?.version ?? 0} catalog={catalog} hits={hits} />
      <VersionHistory versions={versions} detectorNames={detectorNames} />
    </div>
  );
}
