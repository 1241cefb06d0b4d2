"use client";

import { History } from "lucide-react";
import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";

/** "Make active" for a version that is not: asks first, since every question from then on runs under it. */
export function ActivateButton({ version, activeVersion }: { version: number; activeVersion: number | null }) {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [refreshing, startRefresh] = useTransition();

  async function activate() {
    setBusy(true);
    setError(null);
    const response = await fetch(`/api/policies/${version}/activate`, { method: "POST" }).catch(() => null);
    const body = (await response?.json().catch(() => null)) as { message?: string } | null;
    setBusy(false);
    if (!response?.ok) {
      setError(body?.message ?? "The version could not be made active. Please try again.");
      return;
    }
    dialog.current?.close();
    startRefresh(() => router.refresh());
  }

  return (
    <>
      <button
        type="button"
        onClick={() => dialog.current?.showModal()}
        disabled={refreshing}
        className="inline-flex items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 py-1 text-sm text-slate-700 shadow-sm hover:border-indigo-300 hover:text-indigo-700 disabled:opacity-50"
      >
        <History className="size-3.5" aria-hidden /> Make active
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={`activate-${version}`}
        className="m-auto w-full max-w-md rounded-xl border border-slate-200 p-0 shadow-xl backdrop:bg-slate-900/30"
      >
        <div className="space-y-3 p-5">
          <h3 id={`activate-${version}`} className="text-lg font-semibold">
            Make version {version} active?
          </h3>
          <p className="text-sm text-slate-600">
            Every question from now on runs under version {version}
            {activeVersion !== null ? ` instead of version ${activeVersion}` : ""}. Nothing is deleted: the rollback is recorded, and any version can be made
            active again. Unsaved edits in the form are discarded.
          </p>
          {error && (
            <p role="alert" className="text-sm text-red-700">
              {error}
            </p>
          )}
          <div className="flex justify-end gap-2 pt-1">
            <button
              type="button"
              onClick={() => dialog.current?.close()}
              className="rounded-md border border-slate-300 px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-50"
            >
              Cancel
            </button>
            <button
              type="button"
              onClick={() => void activate()}
              disabled={busy}
              className="rounded-md bg-indigo-600 px-4 py-1.5 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-50"
            >
              {busy ? "Activating…" : `Make version ${version} active`}
            </button>
          </div>
        </div>
      </dialog>
    </>
  );
}
