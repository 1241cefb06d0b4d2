"use client";

import { useState } from "react";

/** Shows a one-time password link once, with a copy button: it is not stored anywhere it could be shown again. */
export function WelcomeLinkNotice({ email, path, onClose }: { email: string; path: string; onClose(): void }) {
  const [copied, setCopied] = useState(false);
  const link = `${window.location.origin}${path}`;
  return (
    <div role="status" className="space-y-2 rounded-lg border border-emerald-200 bg-emerald-50 p-4 text-sm text-emerald-900" data-testid="welcome-link">
      <p>
        Send this link to <strong>{email}</strong>. With it they choose their password; it works once, for seven days, and is shown only now.
      </p>
      <div className="flex gap-2">
        <input
          readOnly
          value={link}
          aria-label="One-time link"
          className="min-w-0 flex-1 rounded border border-emerald-300 bg-white px-2 py-1 font-mono text-xs"
          onFocus={(e) => e.target.select()}
        />
        <button
          type="button"
          className="rounded border border-emerald-400 px-2 py-1 hover:bg-emerald-100"
          onClick={() =>
            navigator.clipboard?.writeText(link).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {copied ? "Copied" : "Copy"}
        </button>
        <button type="button" className="rounded px-2 py-1 hover:bg-emerald-100" onClick={onClose}>
          Done
        </button>
      </div>
    </div>
  );
}
