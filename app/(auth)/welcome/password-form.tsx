"use client";

import { useActionState } from "react";
import { choosePassword } from "./actions";

/** The new password twice; a refusal (too short, link used meanwhile) shows above the fields, which keep their place. */
export function PasswordForm({ workspace, token, email, minLength }: { workspace: string; token: string; email: string; minLength: number }) {
  const [state, action, pending] = useActionState(choosePassword, { error: null });
  return (
    <form action={action} className="space-y-4">
      {state.error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {state.error}
        </p>
      )}
      <input type="hidden" name="workspace" value={workspace} />
      <input type="hidden" name="token" value={token} />
      <input type="text" name="username" value={email} autoComplete="username" readOnly hidden />
      <label className="block text-sm font-medium">
        New password
        <input
          name="password"
          type="password"
          required
          minLength={minLength}
          autoComplete="new-password"
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2"
        />
      </label>
      <label className="block text-sm font-medium">
        The same password again
        <input name="confirm" type="password" required autoComplete="new-password" className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2" />
      </label>
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-indigo-600 px-3 py-2 font-medium text-white hover:bg-indigo-700 disabled:opacity-50"
      >
        Set password
      </button>
    </form>
  );
}
