"use client";

import { type ReactNode, useCallback, useEffect, useState } from "react";
import { AddPersonForm } from "@/components/admin/people/add-person-form";
import { call } from "@/components/admin/people/api";
import { ImportPanel } from "@/components/admin/people/import-panel";
import { GroupsPanel } from "@/components/admin/people/groups-panel";
import { PeopleTable } from "@/components/admin/people/people-table";
import { WelcomeLinkNotice } from "@/components/admin/people/welcome-link-notice";
import type { GroupRow } from "@/lib/auth/people/groups";
import type { PersonRow } from "@/lib/auth/people/people";

type Filter = { q: string; groupId?: string; role?: PersonRow["role"]; status: "active" | "deactivated" | "all" };
type Listing = { people: PersonRow[]; total: number };
type Notice = { kind: "ok" | "error"; text: string } | null;

const SEARCH_DELAY_MS = 250;

/** The people page's live part: search and filters, the people, bulk group changes, and the groups. */
export function PeopleManager({ initialPeople, initialGroups, aside }: { initialPeople: Listing; initialGroups: GroupRow[]; aside: ReactNode }) {
  const [filter, setFilter] = useState<Filter>({ q: "", status: "all" });
  const [listing, setListing] = useState(initialPeople);
  const [groups, setGroups] = useState(initialGroups);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [notice, setNotice] = useState<Notice>(null);
  const [link, setLink] = useState<{ email: string; path: string } | null>(null);
  const [bulkGroup, setBulkGroup] = useState("");

  const refresh = useCallback(async (current: Filter) => {
    const query = new URLSearchParams({ status: current.status, q: current.q, groupId: current.groupId ?? "", role: current.role ?? "" });
    const [people, groupList] = await Promise.all([
      call<Listing>("GET", `/api/admin/people?${query}`),
      call<{ groups: GroupRow[] }>("GET", "/api/admin/groups"),
    ]);
    if (people.ok) setListing(people.data);
    if (groupList.ok) setGroups(groupList.data.groups);
    if (!people.ok) setNotice({ kind: "error", text: people.message });
  }, []);

  useEffect(() => {
    const timer = setTimeout(() => void refresh(filter), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [filter, refresh]);

  async function report(answer: { ok: true } | { ok: false; message: string }, done: string) {
    setNotice(answer.ok ? { kind: "ok", text: done } : { kind: "error", text: answer.message });
    await refresh(filter);
  }

  async function changePerson(person: PersonRow, changes: { role?: PersonRow["role"]; active?: boolean }) {
    const what = changes.role
      ? `${person.email} is now ${changes.role}.`
      : changes.active
        ? `${person.email} is active again.`
        : `${person.email} is deactivated and signed out everywhere.`;
    await report(await call("PATCH", `/api/admin/people/${person.id}`, changes), what);
  }

  async function welcomeLink(person: PersonRow) {
    const answer = await call<{ welcomePath: string }>("POST", `/api/admin/people/${person.id}/welcome-link`);
    if (answer.ok) setLink({ email: person.email, path: answer.data.welcomePath });
    else setNotice({ kind: "error", text: answer.message });
  }

  async function bulk(direction: "add" | "remove") {
    const group = groups.find((g) => g.id === bulkGroup);
    if (!group) return setNotice({ kind: "error", text: "Choose a group first." });
    const ids = [...selected];
    const answer = await call<{ added: number; removed: number }>("POST", `/api/admin/groups/${group.id}/members`, { [direction]: ids });
    const changed = answer.ok ? (direction === "add" ? answer.data.added : answer.data.removed) : 0;
    await report(answer, direction === "add" ? `${changed} added to ${group.name}.` : `${changed} removed from ${group.name}.`);
    if (answer.ok) setSelected(new Set());
  }

  const select = (ids: string[], on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      for (const id of ids)
        if (on) next.add(id);
        else next.delete(id);
      return next;
    });

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_18rem]">
      <div className="min-w-0 space-y-4">
        <AddPersonForm
          groups={groups}
          onAdded={(person, path) => {
            setLink({ email: person.email, path });
            void report({ ok: true }, `${person.email} added.`);
          }}
        />
        <ImportPanel onApplied={() => void refresh(filter)} />
        {link && <WelcomeLinkNotice email={link.email} path={link.path} onClose={() => setLink(null)} />}
        {notice && (
          <p
            role={notice.kind === "error" ? "alert" : "status"}
            className={`rounded-md px-3 py-2 text-sm ${notice.kind === "error" ? "bg-red-50 text-red-700" : "bg-emerald-50 text-emerald-800"}`}
            data-testid="people-notice"
          >
            {notice.text}
          </p>
        )}
        <search className="flex flex-wrap items-end gap-3 text-sm">
          <label className="block min-w-48 flex-1 font-medium">
            Search
            <input
              type="search"
              value={filter.q}
              placeholder="Name or e-mail"
              onChange={(e) => setFilter({ ...filter, q: e.target.value })}
              className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5 font-normal"
            />
          </label>
          <label className="block font-medium">
            Role
            <select
              value={filter.role ?? ""}
              onChange={(e) => setFilter({ ...filter, role: (e.target.value || undefined) as Filter["role"] })}
              className="mt-1 block rounded-md border border-slate-300 px-2 py-1.5 font-normal"
            >
              <option value="">any</option>
              <option>employee</option>
              <option>admin</option>
              <option>auditor</option>
            </select>
          </label>
          <label className="block font-medium">
            Status
            <select
              value={filter.status}
              onChange={(e) => setFilter({ ...filter, status: e.target.value as Filter["status"] })}
              className="mt-1 block rounded-md border border-slate-300 px-2 py-1.5 font-normal"
            >
              <option value="all">all</option>
              <option value="active">active</option>
              <option value="deactivated">deactivated</option>
            </select>
          </label>
        </search>
        {filter.groupId && (
          <p className="text-sm text-slate-600">
            Members of <strong>{groups.find((g) => g.id === filter.groupId)?.name}</strong>{" "}
            <button type="button" className="text-indigo-700 underline" onClick={() => setFilter({ ...filter, groupId: undefined })}>
              show everyone
            </button>
          </p>
        )}
        {selected.size > 0 && (
          <div className="flex flex-wrap items-center gap-2 rounded-md bg-indigo-50 px-3 py-2 text-sm" data-testid="bulk-actions">
            <span>{selected.size} selected</span>
            <select
              aria-label="Group for the selected people"
              value={bulkGroup}
              onChange={(e) => setBulkGroup(e.target.value)}
              className="rounded border border-slate-300 px-1 py-0.5"
            >
              <option value="">choose a group</option>
              {groups.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </select>
            <button type="button" className="rounded border border-indigo-300 px-2 py-1 hover:bg-indigo-100" onClick={() => void bulk("add")}>
              Add to group
            </button>
            <button type="button" className="rounded border border-indigo-300 px-2 py-1 hover:bg-indigo-100" onClick={() => void bulk("remove")}>
              Remove from group
            </button>
          </div>
        )}
        <PeopleTable
          people={listing.people}
          selected={selected}
          onSelect={select}
          onChange={(p, c) => void changePerson(p, c)}
          onWelcomeLink={(p) => void welcomeLink(p)}
        />
        {listing.total > listing.people.length && (
          <p className="text-sm text-slate-500">
            Showing {listing.people.length} of {listing.total}: search to narrow the list.
          </p>
        )}
      </div>
      <div className="space-y-6">
        <GroupsPanel
          groups={groups}
          selectedGroupId={filter.groupId}
          onShowMembers={(groupId) => setFilter({ ...filter, groupId })}
          onChanged={async (text) => {
            setNotice({ kind: "ok", text });
            await refresh(filter);
          }}
        />
        {aside}
      </div>
    </div>
  );
}
