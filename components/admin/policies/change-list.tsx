import { readableChange, type DetectorNames } from "@/components/admin/policies/labels";
import type { PolicyChange } from "@/lib/guardrails/policy-diff";

/** A policy diff as sentences an administrator reads: where, what, before → after; term lists as added/removed. */
export function ChangeList({ changes, detectorNames }: { changes: PolicyChange[]; detectorNames: DetectorNames }) {
  if (changes.length === 0) return <p className="text-sm text-slate-500">No rule changed.</p>;
  return (
    <ul className="space-y-1.5 text-sm" data-testid="policy-changes">
      {changes.map((change) => {
        const readable = readableChange(change, detectorNames);
        const isList = readable.added.length > 0 || readable.removed.length > 0;
        return (
          <li key={change.path} className="flex flex-wrap items-baseline gap-x-2 gap-y-1" data-testid="policy-change">
            <span className="text-slate-700">
              {readable.where}
              {readable.field && <span className="text-slate-500"> · {readable.field}</span>}
            </span>
            {isList ? (
              <span className="flex flex-wrap gap-1">
                {readable.added.map((term) => (
                  <span key={`+${term}`} className="rounded bg-emerald-50 px-1.5 text-emerald-800 ring-1 ring-emerald-200">
                    + {term}
                  </span>
                ))}
                {readable.removed.map((term) => (
                  <span key={`-${term}`} className="rounded bg-red-50 px-1.5 text-red-800 line-through ring-1 ring-red-200">
                    − {term}
                  </span>
                ))}
              </span>
            ) : (
              <span className="inline-flex items-center gap-1.5">
                <span className="rounded bg-slate-100 px-1.5 text-slate-600">{readable.before}</span>
                <span className="text-slate-400">→</span>
                <span className="rounded bg-indigo-50 px-1.5 font-medium text-indigo-800">{readable.after}</span>
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
