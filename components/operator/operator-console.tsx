"use client";

import { useState } from "react";
import { ErrorAlert } from "@/components/admin/people/alert";
import { WelcomeLinkNotice } from "@/components/admin/people/welcome-link-notice";
import type { WorkspaceSummary } from "@/lib/auth/workspaces";

const input = "mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5 font-normal";

/** The operator's token (kept only in this page's memory), the workspaces, and the form that creates one. */
export function OperatorConsole() {
  const [token, setToken] = useState("");
  const [workspaces, setWorkspaces] = useState<WorkspaceSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [link, setLink] = useState<{ email: string; path: string } | null>(null);

  async function request<T>(method: "GET" | "POST", body?: unknown): Promise<T | null> {
    const response = await fetch("/api/operator/workspaces", {
      method,
      cache: "no-store",
      headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    }).catch(() => null);
    const parsed = (await response?.json().catch(() => null)) as (T & { message?: string }) | null;
    if (!response?.ok) {
      setError(parsed?.message ?? "The server could not be reached. Check your connection and try again.");
      return null;
    }
    setError(null);
    return parsed;
  }

  async function refresh() {
    const answer = await request<{ workspaces: WorkspaceSummary[] }>("GET");
    if (answer) setWorkspaces(answer.workspaces);
  }

  async function create(form: HTMLFormElement) {
    const data = new FormData(form);
    const answer = await request<{ admin: { email: string }; welcomePath: string }>("POST", {
      slug: data.get("slug"),
      name: data.get("name"),
      adminEmail: data.get("adminEmail"),
      adminName: data.get("adminName") || undefined,
    });
    if (!answer) return;
    form.reset();
    setLink({ email: answer.admin.email, path: answer.welcomePath });
    await refresh();
  }

  return (
    <div className="space-y-4 text-sm">
      <form
        aria-label="Operator access"
        className="flex items-end gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          void refresh();
        }}
      >
        <label className="block flex-1 font-medium">
          Operator token
          <input type="password" autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)} required className={input} />
        </label>
        <button type="submit" className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-100">
          Show workspaces
        </button>
      </form>
      <ErrorAlert message={error} />
      {link && <WelcomeLinkNotice email={link.email} path={link.path} onClose={() => setLink(null)} />}
      {workspaces && (
        <>
          <table className="w-full rounded-lg border border-slate-200 bg-white text-left">
            <thead className="bg-slate-50">
              <tr>
                <th className="px-3 py-2">Slug</th>
                <th className="px-3 py-2">Name</th>
                <th className="px-3 py-2">People</th>
                <th className="px-3 py-2">Admins</th>
              </tr>
            </thead>
            <tbody>
              {workspaces.map((w) => (
                <tr key={w.slug} className="border-t border-slate-100" data-testid="workspace">
                  <td className="px-3 py-2 font-mono">{w.slug}</td>
                  <td className="px-3 py-2">{w.name}</td>
                  <td className="px-3 py-2 tabular-nums">{w.people}</td>
                  <td className="px-3 py-2">{w.admins.join(", ") || "none"}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <form
            aria-label="Create a workspace"
            className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
            onSubmit={(event) => {
              event.preventDefault();
              void create(event.currentTarget);
            }}
          >
            <div className="grid gap-3 md:grid-cols-2">
              <label className="block font-medium">
                Slug (people type it at sign-in)
                <input name="slug" required pattern="[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?" className={input} />
              </label>
              <label className="block font-medium">
                Name
                <input name="name" required className={input} />
              </label>
              <label className="block font-medium">
                First admin&apos;s e-mail
                <input name="adminEmail" type="email" required className={input} />
              </label>
              <label className="block font-medium">
                First admin&apos;s name (optional)
                <input name="adminName" className={input} />
              </label>
            </div>
            <button type="submit" className="rounded-md bg-indigo-600 px-3 py-2 font-medium text-white hover:bg-indigo-700">
              Create workspace
            </button>
          </form>
        </>
      )}
    </div>
  );
}
