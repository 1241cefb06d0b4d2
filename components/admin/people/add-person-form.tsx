"use client";

import { useState } from "react";
import { ErrorAlert } from "@/components/admin/people/alert";
import { call } from "@/components/admin/people/api";
import type { GroupRow } from "@/lib/auth/people/groups";
import type { PersonRow } from "@/lib/auth/people/people";

const ROLES = ["employee", "admin", "auditor"] as const;

/** Adds someone to the workspace; the parent shows the one-time link the answer carries. */
export function AddPersonForm({ groups, onAdded }: { groups: GroupRow[]; onAdded(person: PersonRow, welcomePath: string): void }) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(form: HTMLFormElement) {
    const data = new FormData(form);
    setBusy(true);
    const answer = await call<{ person: PersonRow; welcomePath: string }>("POST", "/api/admin/people", {
      email: data.get("email"),
      name: data.get("name"),
      role: data.get("role"),
      groupIds: data.getAll("groupIds"),
    });
    setBusy(false);
    if (!answer.ok) return setError(answer.message);
    setError(null);
    form.reset();
    setOpen(false);
    onAdded(answer.data.person, answer.data.welcomePath);
  }

  if (!open) {
    return (
      <button type="button" className="rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-700" onClick={() => setOpen(true)}>
        Add a person
      </button>
    );
  }
  return (
    <form
      aria-label="Add a person"
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm"
      onSubmit={(event) => {
        event.preventDefault();
        void submit(event.currentTarget);
      }}
    >
      <div className="grid gap-3 md:grid-cols-3">
        <label className="block font-medium">
          E-mail
          <input name="email" type="email" required className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5 font-normal" />
        </label>
        <label className="block font-medium">
          Name
          <input name="name" required className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5 font-normal" />
        </label>
        <label className="block font-medium">
          Role
          <select name="role" defaultValue="employee" className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5 font-normal">
            {ROLES.map((role) => (
              <option key={role}>{role}</option>
            ))}
          </select>
        </label>
      </div>
      {groups.length > 0 && (
        <fieldset>
          <legend className="font-medium">Groups</legend>
          <div className="mt-1 flex flex-wrap gap-3">
            {groups.map((group) => (
              <label key={group.id} className="flex items-center gap-1">
                <input type="checkbox" name="groupIds" value={group.id} /> {group.name}
              </label>
            ))}
          </div>
        </fieldset>
      )}
      <ErrorAlert message={error} />
      <div className="flex gap-2">
        <button type="submit" disabled={busy} className="rounded-md bg-indigo-600 px-3 py-1.5 font-medium text-white hover:bg-indigo-700 disabled:opacity-50">
          Add
        </button>
        <button type="button" className="rounded-md px-3 py-1.5 hover:bg-slate-100" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
