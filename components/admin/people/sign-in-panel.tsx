"use client";

import { useState } from "react";
import { ErrorAlert } from "@/components/admin/people/alert";
import { call } from "@/components/admin/people/api";
import type { SignInOptions } from "@/lib/auth/sign-in-settings";

/** How the workspace's people sign in, and the admin's switch for password sign-in. */
export function SignInPanel({ initial }: { initial: SignInOptions }) {
  const [options, setOptions] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  async function toggle() {
    const answer = await call<SignInOptions>("PATCH", "/api/admin/sign-in", { passwordSignIn: !options.passwordSignIn });
    if (answer.ok) setOptions(answer.data);
    setError(answer.ok ? null : answer.message);
  }
  return (
    <section aria-labelledby="sign-in-heading" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm" data-testid="sign-in-settings">
      <h2 id="sign-in-heading" className="text-base font-semibold">
        Sign-in
      </h2>
      <p>Single sign-on: {options.singleSignOn ? <strong>{options.singleSignOn}</strong> : "not configured"}</p>
      <p>
        Password sign-in: <strong>{options.passwordSignIn ? "on" : "off"}</strong>
      </p>
      {options.environmentAllowsPasswords && (options.singleSignOn || !options.passwordSignIn) && (
        <button type="button" className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-100" onClick={() => void toggle()}>
          {options.passwordSignIn ? "Switch password sign-in off" : "Switch password sign-in on"}
        </button>
      )}
      <ErrorAlert message={error} />
    </section>
  );
}
