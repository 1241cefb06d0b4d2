"use client";

import type { PersonRow } from "@/lib/auth/people/people";

const ROLES = ["employee", "admin", "auditor"] as const;

/** One row per person: select for bulk actions, change the role, deactivate or reactivate, new password link. */
export function PeopleTable({
  people,
  selected,
  onSelect,
  onChange,
  onWelcomeLink,
}: {
  people: PersonRow[];
  selected: ReadonlySet<string>;
  onSelect(ids: string[], on: boolean): void;
  onChange(person: PersonRow, changes: { role?: PersonRow["role"]; active?: boolean }): void;
  onWelcomeLink(person: PersonRow): void;
}) {
  if (people.length === 0) return <p className="text-sm text-slate-500">Nobody matches.</p>;
  const allSelected = people.every((p) => selected.has(p.id));
  return (
    <table className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm" data-testid="people">
      <thead className="bg-slate-50 text-left text-slate-500">
        <tr>
          <th className="px-3 py-2">
            <input
              type="checkbox"
              aria-label="Select everyone shown"
              checked={allSelected}
              onChange={(e) =>
                onSelect(
                  people.map((p) => p.id),
                  e.target.checked,
                )
              }
            />
          </th>
          <th className="px-3 py-2 font-medium">Person</th>
          <th className="px-3 py-2 font-medium">Role</th>
          <th className="px-3 py-2 font-medium">Groups</th>
          <th className="px-3 py-2 font-medium">Last sign-in</th>
          <th className="px-3 py-2 font-medium">Actions</th>
        </tr>
      </thead>
      <tbody>
        {people.map((person) => (
          <tr
            key={person.id}
            className={`border-t border-slate-100 ${person.active ? "" : "bg-slate-50 text-slate-400"}`}
            data-testid="person"
            data-email={person.email}
          >
            <td className="px-3 py-2">
              <input
                type="checkbox"
                aria-label={`Select ${person.email}`}
                checked={selected.has(person.id)}
                onChange={(e) => onSelect([person.id], e.target.checked)}
              />
            </td>
            <td className="px-3 py-2">
              <div className="font-medium">{person.name}</div>
              <div className="text-xs text-slate-500">
                {person.email}
                {!person.active && " · deactivated"}
                {person.active && !person.hasPassword && " · no password yet"}
              </div>
            </td>
            <td className="px-3 py-2">
              <select
                aria-label={`Role of ${person.email}`}
                value={person.role}
                disabled={!person.active}
                onChange={(e) => onChange(person, { role: e.target.value as PersonRow["role"] })}
                className="rounded border border-slate-300 px-1 py-0.5"
              >
                {ROLES.map((role) => (
                  <option key={role}>{role}</option>
                ))}
              </select>
            </td>
            <td className="px-3 py-2">{person.groups.map((g) => g.name).join(", ") || <span className="text-slate-400">none</span>}</td>
            <td className="px-3 py-2 text-slate-500">{person.lastSignInAt ? new Date(person.lastSignInAt).toLocaleString() : "never"}</td>
            <td className="space-x-1 px-3 py-2 whitespace-nowrap">
              {person.active ? (
                <>
                  <button
                    type="button"
                    className="rounded px-2 py-1 text-slate-600 hover:bg-slate-100"
                    onClick={() => onWelcomeLink(person)}
                    aria-label={`Password link for ${person.email}`}
                  >
                    Password link
                  </button>
                  <button
                    type="button"
                    className="rounded px-2 py-1 text-red-700 hover:bg-red-50"
                    onClick={() => onChange(person, { active: false })}
                    aria-label={`Deactivate ${person.email}`}
                  >
                    Deactivate
                  </button>
                </>
              ) : (
                <button
                  type="button"
                  className="rounded px-2 py-1 text-slate-600 hover:bg-slate-100"
                  onClick={() => onChange(person, { active: true })}
                  aria-label={`Reactivate ${person.email}`}
                >
                  Reactivate
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
