"use client";

import { useState } from "react";
import { ErrorAlert } from "@/components/admin/people/alert";
import { call } from "@/components/admin/people/api";
import type { GroupRow } from "@/lib/auth/people/groups";

/** The workspace's groups: create, rename, delete, and show a group's members in the people list. */
export function GroupsPanel({
  groups,
  selectedGroupId,
  onShowMembers,
  onChanged,
}: {
  groups: GroupRow[];
  selectedGroupId: string | undefined;
  onShowMembers(groupId: string | undefined): void;
  onChanged(message: string): Promise<void>;
}) {
  const [error, setError] = useState<string | null>(null);

  async function act(request: Promise<{ ok: true } | { ok: false; message: string }>, done: string) {
    const answer = await request;
    if (!answer.ok) return setError(answer.message);
    setError(null);
    await onChanged(done);
  }

  return (
    <section aria-labelledby="groups-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm" data-testid="groups">
      <h2 id="groups-heading" className="text-base font-semibold">
        Groups
      </h2>
      <p className="text-slate-500">Documents are shared with groups: a change here applies from each member&apos;s next question.</p>
      <form
        className="flex gap-2"
        aria-label="New group"
        onSubmit={(event) => {
          event.preventDefault();
          const form = event.currentTarget;
          const name = String(new FormData(form).get("name") ?? "");
          void act(call("POST", "/api/admin/groups", { name }), `Group "${name.trim()}" created.`).then(() => form.reset());
        }}
      >
        <input
          name="name"
          required
          placeholder="New group name"
          aria-label="New group name"
          className="min-w-0 flex-1 rounded-md border border-slate-300 px-2 py-1.5"
        />
        <button type="submit" className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-100">
          Create
        </button>
      </form>
      <ErrorAlert message={error} />
      <ul className="divide-y divide-slate-100">
        {groups.map((group) => (
          <GroupItem
            key={group.id}
            group={group}
            selected={group.id === selectedGroupId}
            onShowMembers={() => onShowMembers(group.id === selectedGroupId ? undefined : group.id)}
            onRename={(name) => act(call("PATCH", `/api/admin/groups/${group.id}`, { name }), `Group renamed to "${name.trim()}".`)}
            onDelete={() => act(call("DELETE", `/api/admin/groups/${group.id}`), `Group "${group.name}" deleted.`)}
          />
        ))}
      </ul>
    </section>
  );
}

function GroupItem({
  group,
  selected,
  onShowMembers,
  onRename,
  onDelete,
}: {
  group: GroupRow;
  selected: boolean;
  onShowMembers(): void;
  onRename(name: string): Promise<void>;
  onDelete(): Promise<void>;
}) {
  const [renaming, setRenaming] = useState(false);
  const [confirming, setConfirming] = useState(false);
  if (renaming) {
    return (
      <li className="py-2">
        <form
          className="flex gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            void onRename(String(new FormData(event.currentTarget).get("name") ?? "")).then(() => setRenaming(false));
          }}
        >
          <input
            name="name"
            defaultValue={group.name}
            aria-label={`New name for ${group.name}`}
            className="min-w-0 flex-1 rounded-md border border-slate-300 px-2 py-1"
          />
          <button type="submit" className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-100">
            Save
          </button>
          <button type="button" className="rounded px-2 py-1 hover:bg-slate-100" onClick={() => setRenaming(false)}>
            Cancel
          </button>
        </form>
      </li>
    );
  }
  return (
    <li className="flex items-center gap-2 py-2" data-testid="group">
      <button
        type="button"
        aria-pressed={selected}
        onClick={onShowMembers}
        className={`min-w-0 flex-1 truncate text-left ${selected ? "font-semibold text-indigo-700" : ""}`}
      >
        {group.name} <span className="text-slate-400">· {group.memberCount}</span>
      </button>
      {confirming ? (
        <>
          <button
            type="button"
            className="rounded bg-red-600 px-2 py-1 text-white hover:bg-red-700"
            onClick={() => void onDelete().then(() => setConfirming(false))}
          >
            Delete {group.name}
          </button>
          <button type="button" className="rounded px-2 py-1 hover:bg-slate-100" onClick={() => setConfirming(false)}>
            Keep
          </button>
        </>
      ) : (
        <>
          <button
            type="button"
            className="rounded px-2 py-1 text-slate-600 hover:bg-slate-100"
            onClick={() => setRenaming(true)}
            aria-label={`Rename ${group.name}`}
          >
            Rename
          </button>
          <button
            type="button"
            className="rounded px-2 py-1 text-red-700 hover:bg-red-50"
            onClick={() => setConfirming(true)}
            aria-label={`Delete ${group.name}`}
          >
            Delete
          </button>
        </>
      )}
    </li>
  );
}
