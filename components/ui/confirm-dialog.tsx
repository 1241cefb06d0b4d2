"use client";

import { useEffect, useRef } from "react";

type Props = { title: string; body: string; confirm: string; cancel: string; onConfirm: () => void; onCancel: () => void };

/**
 * A modal question with a destructive answer, on the browser's own <dialog>: focus is held inside
 * (starting on the safe choice), Escape cancels, and focus returns where it was when it closes.
 */
export function ConfirmDialog({ title, body, confirm, cancel, onConfirm, onCancel }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    element?.showModal();
    return () => element?.close();
  }, []);
  return (
    <dialog
      ref={dialog}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
      aria-labelledby="confirm-title"
      aria-describedby="confirm-body"
      className="m-auto w-[min(26rem,calc(100vw-2rem))] rounded-lg border border-slate-200 bg-white p-5 text-slate-900 shadow-xl backdrop:bg-slate-900/40"
      data-testid="confirm-dialog"
    >
      <h2 id="confirm-title" className="text-base font-semibold">
        {title}
      </h2>
      <p id="confirm-body" className="mt-2 text-sm text-slate-700">
        {body}
      </p>
      <div className="mt-5 flex justify-end gap-2 text-sm">
        {/* biome-ignore lint/a11y/noAutofocus: a modal dialog's initial focus goes to its safe choice (showModal honours autofocus) */}
        <button type="button" autoFocus onClick={onCancel} className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-100">
          {cancel}
        </button>
        <button type="button" onClick={onConfirm} className="rounded-md bg-red-700 px-3 py-1.5 font-medium text-white hover:bg-red-800">
          {confirm}
        </button>
      </div>
    </dialog>
  );
}
