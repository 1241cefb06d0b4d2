"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";

type Option = { id: string; name: string };

/** Upload one document and choose its readers: everyone in the workspace, or chosen groups and people. */
export function UploadForm({ groups, users }: { groups: Option[]; users: (Option & { email: string })[] }) {
  const router = useRouter();
  const [everyone, setEveryone] = useState(true);
  const [groupIds, setGroupIds] = useState<string[]>([]);
  const [userIds, setUserIds] = useState<string[]>([]);
  const [state, setState] = useState<{ kind: "idle" | "busy" | "done" | "error"; message?: string }>({ kind: "idle" });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const file = data.get("file");
    if (!(file instanceof File) || (file.size === 0 && file.name === "")) {
      setState({ kind: "error", message: "Choose a file to upload." });
      return;
    }
    data.set("readers", JSON.stringify(everyone ? { everyone: true } : { everyone: false, groupIds, userIds }));
    setState({ kind: "busy" });
    const response = await fetch("/api/documents", { method: "POST", body: data }).catch(() => null);
    const body = (await response?.json().catch(() => null)) as { message?: string; document?: { title: string; chunkCount: number } } | null;
    if (!response?.ok || !body?.document) {
      setState({ kind: "error", message: body?.message ?? "The upload failed. Please try again." });
      return;
    }
    setState({ kind: "done", message: `“${body.document.title}” was indexed into ${body.document.chunkCount} passages.` });
    form.reset();
    router.refresh();
  }

  const toggle = (list: string[], id: string) => (list.includes(id) ? list.filter((x) => x !== id) : [...list, id]);

  return (
    <form onSubmit={submit} className="space-y-4 rounded-lg border border-slate-200 bg-white p-5" aria-label="Upload a document">
      <h2 className="font-semibold">Upload a document</h2>
      <div className="grid gap-4 md:grid-cols-2">
        <label className="block text-sm font-medium">
          File (Markdown or text)
          <input name="file" type="file" accept=".md,.markdown,.txt,.text,text/markdown,text/plain" className="mt-1 block w-full text-sm" />
        </label>
        <label className="block text-sm font-medium">
          Title (optional)
          <input name="title" className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-1.5" placeholder="Taken from the file if empty" />
        </label>
      </div>
      <fieldset className="space-y-2 text-sm">
        <legend className="font-medium">Who may read it</legend>
        <label className="flex items-center gap-2">
          <input type="radio" name="audience" checked={everyone} onChange={() => setEveryone(true)} /> Everyone in the workspace
        </label>
        <label className="flex items-center gap-2">
          <input type="radio" name="audience" checked={!everyone} onChange={() => setEveryone(false)} /> Only chosen groups and people
        </label>
        {!everyone && (
          <div className="grid gap-4 pl-6 md:grid-cols-2">
            <div>
              <p className="mb-1 text-slate-500">Groups</p>
              {groups.map((g) => (
                <label key={g.id} className="flex items-center gap-2">
                  <input type="checkbox" checked={groupIds.includes(g.id)} onChange={() => setGroupIds(toggle(groupIds, g.id))} /> {g.name}
                </label>
              ))}
            </div>
            <div>
              <p className="mb-1 text-slate-500">People</p>
              {users.map((u) => (
                <label key={u.id} className="flex items-center gap-2">
                  <input type="checkbox" checked={userIds.includes(u.id)} onChange={() => setUserIds(toggle(userIds, u.id))} /> {u.name}{" "}
                  <span className="text-slate-400">{u.email}</span>
                </label>
              ))}
            </div>
          </div>
        )}
      </fieldset>
      <div className="flex items-center gap-3">
        <button type="submit" disabled={state.kind === "busy"} className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-50">
          {state.kind === "busy" ? "Uploading…" : "Upload"}
        </button>
        {state.message && (
          <p role={state.kind === "error" ? "alert" : "status"} className={state.kind === "error" ? "text-sm text-red-700" : "text-sm text-emerald-700"}>
            {state.message}
          </p>
        )}
      </div>
    </form>
  );
}
