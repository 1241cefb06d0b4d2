import { ActivateButton } from "@/components/admin/policies/activate-button";
import { ChangeList } from "@/components/admin/policies/change-list";
import type { DetectorNames } from "@/components/admin/policies/labels";
import { DEFAULT_POLICY } from "@/lib/guardrails/policy";
import { policyDiff } from "@/lib/guardrails/policy-diff";
import type { listPolicyVersions } from "@/lib/guardrails/policy-store";

type Version = Awaited<ReturnType<typeof listPolicyVersions>>[number];

/** Every saved version, newest first: who, when, why, what changed from the one before; older ones can be made active again. */
export function VersionHistory({ versions, detectorNames }: { versions: Version[]; detectorNames: DetectorNames }) {
  const activeVersion = versions.find((v) => v.active)?.version ?? null;
  return (
    <section aria-label="Version history" className="rounded-xl border border-slate-200 bg-white shadow-sm">
      <header className="border-b border-slate-100 px-5 py-3">
        <h2 className="font-semibold text-slate-900">Version history</h2>
        <p className="mt-0.5 text-xs text-slate-500">
          Versions are never changed or deleted. Making an older version active is a rollback; it is kept in the history too.
        </p>
      </header>
      {versions.length === 0 ? (
        <p className="px-5 py-4 text-sm text-slate-500">No version saved yet: the built-in defaults are active. Saving the form creates version 1.</p>
      ) : (
        <ol className="divide-y divide-slate-100">
          {versions.map((version, index) => {
            const previous = versions[index + 1];
            return (
              <li
                key={version.version}
                className={`px-5 py-4 ${version.active ? "bg-indigo-50/40" : ""}`}
                data-testid="policy-version"
                data-version={version.version}
              >
                <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                  <span className="font-semibold text-slate-900">Version {version.version}</span>
                  {version.active && <span className="rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-800">Active</span>}
                  <span className="text-sm text-slate-500">
                    {version.author} · {new Date(version.createdAt).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} UTC
                  </span>
                  {!version.active && (
                    <div className="ml-auto">
                      <ActivateButton version={version.version} activeVersion={activeVersion} />
                    </div>
                  )}
                </div>
                <p className="mt-1 text-sm text-slate-800">“{version.reason}”</p>
                <div className="mt-2 rounded-lg bg-slate-50 px-3 py-2">
                  <p className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-500">
                    {previous ? `Changes from version ${previous.version}` : "Changes from the built-in defaults"}
                  </p>
                  <ChangeList changes={policyDiff(previous?.rules ?? DEFAULT_POLICY, version.rules)} detectorNames={detectorNames} />
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
