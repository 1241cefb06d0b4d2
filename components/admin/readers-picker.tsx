"use client";

export type Option = { id: string; name: string };
export type Person = Option & { email: string };
/** Who may read a document, as the pickers edit it. */
export type ReadersChoice = { everyone: boolean; groupIds: string[]; userIds: string[] };

export const EVERYONE_CHOICE: ReadersChoice = { everyone: true, groupIds: [], userIds: [] };

/** The request body form of a choice: only the ids that count. */
export function readersPayload(choice: ReadersChoice) {
  return choice.everyone ? { everyone: true as const } : { everyone: false as const, groupIds: choice.groupIds, userIds: choice.userIds };
}

/** Everyone in the workspace, or chosen groups and people. `name` keeps the radio buttons of two pickers apart. */
export function ReadersPicker({
  name,
  value,
  onChange,
  groups,
  users,
}: {
  name: string;
  value: ReadersChoice;
  onChange(next: ReadersChoice): void;
  groups: Option[];
  users: Person[];
}) {
  const toggle = (list: string[], id: string) => (list.includes(id) ? list.filter((x) => x !== id) : [...list, id]);
  return (
    <fieldset className="space-y-2 text-sm">
      <legend className="font-medium">Who may read it</legend>
      <label className="flex items-center gap-2">
        <input type="radio" name={name} checked={value.everyone} onChange={() => onChange({ ...value, everyone: true })} /> Everyone in the workspace
      </label>
      <label className="flex items-center gap-2">
        <input type="radio" name={name} checked={!value.everyone} onChange={() => onChange({ ...value, everyone: false })} /> Only chosen groups and people
      </label>
      {!value.everyone && (
        <div className="grid gap-4 pl-6 md:grid-cols-2">
          <div>
            <p className="mb-1 text-slate-500">Groups</p>
            {groups.map((g) => (
              <label key={g.id} className="flex items-center gap-2">
                <input
                  type="checkbox"
                  checked={value.groupIds.includes(g.id)}
                  onChange={() => onChange({ ...value, groupIds: toggle(value.groupIds, g.id) })}
                />{" "}
                {g.name}
              </label>
            ))}
          </div>
          <div>
            <p className="mb-1 text-slate-500">People</p>
            {users.map((u) => (
              <label key={u.id} className="flex items-center gap-2">
                <input type="checkbox" checked={value.userIds.includes(u.id)} onChange={() => onChange({ ...value, userIds: toggle(value.userIds, u.id) })} />{" "}
                {u.name} <span className="text-slate-400">{u.email}</span>
              </label>
            ))}
          </div>
        </div>
      )}
    </fieldset>
  );
}
