"use client";

import { CircleAlert, CircleCheck } from "lucide-react";
import { ChangeList } from "@/components/admin/policies/change-list";
import type { DetectorNames } from "@/components/admin/policies/labels";
import type { PolicyChange } from "@/lib/guardrails/policy-diff";

export type SaveStatus = { kind: "idle" } | { kind: "busy" } | { kind: "saved"; version: number } | { kind: "error"; message: string };

type Props = {
  /** Changes from the active policy; null while the draft has problems. */
  changes: PolicyChange[] | null;
  problems: number;
  nextVersion: number;
  reason: string;
  onReason: (reason: string) => void;
  onSave: () => void;
  onDiscard: () => void;
  status: SaveStatus;
  detectorNames: DetectorNames;
};

/** Stays in view under the form: what is about to change, why (required), and the save that makes it a version. */
export function SaveBar({ changes, problems, nextVersion, reason, onReason, onSave, onDiscard, status, detectorNames }: Props) {
  const dirty = changes === null || changes.length > 0;
  return (
    <form
      aria-label="Save the policy"
      onSubmit={(event) => {
        event.preventDefault();
        onSave();
      }}
      // Pinned to the bottom of the view only while there is something to save.
      className={`rounded-xl border p-4 ${dirty ? "sticky bottom-4 z-10 border-indigo-200 bg-white/95 shadow-lg backdrop-blur" : "border-slate-200 bg-white"}`}
    >
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <Summary changes={changes} problems={problems} status={status} detectorNames={detectorNames} />
        {dirty && (
          <div className="ml-auto flex gap-2">
            <button type="button" onClick={onDiscard} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-50">
              Discard changes
            </button>
            <button
              type="submit"
              disabled={changes === null || status.kind === "busy"}
              className="rounded-md bg-indigo-600 px-4 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-indigo-700 disabled:cursor-not-allowed disabled:opacity-50"
            >
              {status.kind === "busy" ? "Saving…" : `Save as version ${nextVersion}`}
            </button>
          </div>
        )}
      </div>
      {dirty && changes !== null && (
        <label className="mt-3 block text-sm">
          <span className="font-medium text-slate-800">Reason for the change</span>{" "}
          <span className="text-xs text-slate-500">kept with the version and shown in its history</span>
          <input
            value={reason}
            onChange={(event) => onReason(event.target.value)}
            maxLength={1000}
            placeholder="e.g. Mask e-mail addresses instead of redacting them, per the privacy office"
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-1.5 shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500"
          />
        </label>
      )}
      {status.kind === "error" && (
        <p role="alert" className="mt-2 flex items-center gap-1.5 text-sm text-red-700">
          <CircleAlert className="size-4 shrink-0" aria-hidden /> {status.message}
        </p>
      )}
    </form>
  );
}

function Summary({ changes, problems, status, detectorNames }: Pick<Props, "changes" | "problems" | "status" | "detectorNames">) {
  if (changes === null) {
    return (
      <p className="flex items-center gap-1.5 text-sm font-medium text-red-700">
        <CircleAlert className="size-4" aria-hidden /> {problems === 1 ? "1 problem" : `${problems} problems`} to fix before this policy can be saved
      </p>
    );
  }
  if (changes.length === 0) {
    return status.kind === "saved" ? (
      <p role="status" className="flex items-center gap-1.5 text-sm font-medium text-emerald-700">
        <CircleCheck className="size-4" aria-hidden /> Saved as version {status.version}. It is active for every question from now on.
      </p>
    ) : (
      <p className="text-sm text-slate-500">No unsaved changes. Edit a rule to try it in the sandbox, then save it as a new version.</p>
    );
  }
  return (
    <details className="group text-sm">
      <summary className="cursor-pointer font-medium text-indigo-800 marker:text-indigo-400">
        {changes.length === 1 ? "1 unsaved change" : `${changes.length} unsaved changes`}
      </summary>
      <div className="mt-2 max-h-48 overflow-y-auto pr-2">
        <ChangeList changes={changes} detectorNames={detectorNames} />
      </div>
    </details>
  );
}
