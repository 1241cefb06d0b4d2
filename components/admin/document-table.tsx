"use client";

import { useRef, useState } from "react";
import { type Option, type Person, type ReadersChoice, ReadersPicker, readersPayload } from "@/components/admin/readers-picker";
import type { DocumentRow } from "@/lib/ingest/documents";

const STATUS_STYLE: Record<DocumentRow["status"], string> = {
  queued: "bg-slate-100 text-slate-700",
  indexing: "bg-sky-100 text-sky-800",
  ready: "bg-emerald-100 text-emerald-800",
  failed: "bg-red-100 text-red-800",
  cancelled: "bg-amber-100 text-amber-800",
};

const STAGE_LABEL: Record<string, string> = {
  parsing: "reading the file",
  chunking: "splitting into passages",
  embedding: "embedding passages",
  writing: "writing to the index",
};

type Notice = { kind: "ok" | "error"; text: string } | null;

/** The tenant's documents with their status and indexing progress, and what an admin can do with each. */
export function DocumentTable({
  documents,
  groups,
  users,
  onChanged,
}: {
  documents: DocumentRow[];
  groups: Option[];
  users: Person[];
  onChanged(): Promise<void>;
}) {
  if (documents.length === 0) return <p className="text-sm text-slate-500">No documents yet.</p>;
  return (
    <table className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm" data-testid="documents">
      <thead className="bg-slate-50 text-left text-slate-500">
        <tr>
          <th className="px-3 py-2 font-medium">Title</th>
          <th className="px-3 py-2 font-medium">Readers</th>
          <th className="px-3 py-2 font-medium">Status</th>
          <th className="px-3 py-2 text-right font-medium">Passages</th>
          <th className="px-3 py-2 font-medium">Added</th>
          <th className="px-3 py-2 font-medium">Actions</th>
        </tr>
      </thead>
      <tbody>
        {documents.map((d) => (
          <DocumentRowView key={d.id} document={d} groups={groups} users={users} onChanged={onChanged} />
        ))}
      </tbody>
    </table>
  );
}

function DocumentRowView({ document: d, groups, users, onChanged }: { document: DocumentRow; groups: Option[]; users: Person[]; onChanged(): Promise<void> }) {
  const versionInput = useRef<HTMLInputElement>(null);
  const [editing, setEditing] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const inProgress = d.status === "queued" || d.status === "indexing";

  // The row is refreshed before the notice shows, so that what the notice says is already on the page.
  async function act(request: () => Promise<Response>, ok: (body: { message?: string }) => string) {
    setBusy(true);
    const response = await request().catch(() => null);
    const body = ((await response?.json().catch(() => null)) ?? {}) as { message?: string };
    await onChanged();
    setNotice(response?.ok ? { kind: "ok", text: ok(body) } : { kind: "error", text: body.message ?? "That did not work. Please try again." });
    setBusy(false);
  }

  const post = (path: string) => () => fetch(`/api/documents/${d.id}/${path}`, { method: "POST" });

  async function uploadVersion(file: File | undefined) {
    if (!file) return;
    const data = new FormData();
    data.set("file", file);
    await act(
      () => fetch(`/api/documents/${d.id}/versions`, { method: "POST", body: data }),
      (body) => body.message ?? "The new version is queued.",
    );
    if (versionInput.current) versionInput.current.value = "";
  }

  async function saveReaders(choice: ReadersChoice) {
    await act(
      () =>
        fetch(`/api/documents/${d.id}/readers`, {
          method: "PUT",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ readers: readersPayload(choice) }),
        }),
      () => "Readers changed: questions from now on are answered under the new readers.",
    );
    setEditing(false);
  }

  return (
    <>
      <tr className="border-t border-slate-100 align-top" data-testid="document-row" data-document-id={d.id}>
        <td className="px-3 py-2">
          <div className="font-medium">{d.title}</div>
          <div className="text-xs text-slate-400">{d.fileName}</div>
        </td>
        <td className="px-3 py-2" data-testid="document-readers">
          {d.readers.everyone ? "Everyone in the workspace" : d.readers.names.join(", ")}
        </td>
        <td className="px-3 py-2">
          <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${STATUS_STYLE[d.status]}`} data-testid="document-status">
            {d.status}
          </span>
          {inProgress && d.indexing && (
            <div className="mt-1 w-40">
              <div
                role="progressbar"
                aria-label={`Indexing ${d.title}`}
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={d.indexing.progress}
                className="h-1.5 rounded bg-slate-200"
              >
                <div className="h-1.5 rounded bg-sky-500 transition-all" style={{ width: `${d.indexing.progress}%` }} />
              </div>
              <div className="mt-0.5 text-xs text-slate-500">
                {d.status === "queued"
                  ? d.indexing.retryReason
                    ? `waiting to retry (${d.indexing.retryReason})`
                    : "waiting in the queue"
                  : (STAGE_LABEL[d.indexing.stage ?? ""] ?? "starting")}{" "}
                · {d.indexing.progress}%
              </div>
            </div>
          )}
          {d.error && (
            <div className="mt-1 max-w-xs text-xs text-red-700" data-testid="document-error">
              {d.error}
            </div>
          )}
          {d.status === "cancelled" && <div className="mt-1 text-xs text-amber-700">Indexing was cancelled.</div>}
          {d.status !== "ready" && !inProgress && d.chunkCount > 0 && (
            <div className="mt-1 text-xs text-slate-500">Answers still come from the version indexed before.</div>
          )}
        </td>
        <td className="px-3 py-2 text-right tabular-nums">{d.chunkCount}</td>
        <td className="px-3 py-2 text-slate-500">
          {new Date(d.createdAt).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} UTC
        </td>
        <td className="px-3 py-2">
          <div className="flex flex-wrap gap-1">
            {inProgress && <ActionButton label="Cancel indexing" disabled={busy} onClick={() => act(post("cancel"), () => "Indexing cancelled.")} />}
            {(d.status === "failed" || d.status === "cancelled") && (
              <ActionButton label="Retry" disabled={busy} onClick={() => act(post("reindex"), () => "Queued for indexing again.")} />
            )}
            {d.status === "ready" && <ActionButton label="Re-index" disabled={busy} onClick={() => act(post("reindex"), () => "Queued for indexing again.")} />}
            <ActionButton label="Upload new version" disabled={busy} onClick={() => versionInput.current?.click()} />
            <input
              ref={versionInput}
              type="file"
              hidden
              aria-label={`New version of ${d.title}`}
              onChange={(event) => uploadVersion(event.currentTarget.files?.[0])}
            />
            <ActionButton label="Change readers" disabled={busy} onClick={() => setEditing(!editing)} />
            {confirmDelete ? (
              <>
                <ActionButton
                  label="Confirm delete"
                  danger
                  disabled={busy}
                  onClick={() =>
                    act(
                      () => fetch(`/api/documents/${d.id}`, { method: "DELETE" }),
                      () => "Deleted.",
                    )
                  }
                />
                <ActionButton label="Keep it" disabled={busy} onClick={() => setConfirmDelete(false)} />
              </>
            ) : (
              <ActionButton label="Delete" danger disabled={busy} onClick={() => setConfirmDelete(true)} />
            )}
          </div>
          {notice && (
            <p role={notice.kind === "error" ? "alert" : "status"} className={`mt-1 text-xs ${notice.kind === "error" ? "text-red-700" : "text-emerald-700"}`}>
              {notice.text}
            </p>
          )}
        </td>
      </tr>
      {editing && (
        <tr className="border-t border-slate-100 bg-slate-50">
          <td colSpan={6} className="px-3 py-3">
            <ReadersEditor
              title={d.title}
              initial={d.readers}
              groups={groups}
              users={users}
              onSave={saveReaders}
              onClose={() => setEditing(false)}
              busy={busy}
            />
          </td>
        </tr>
      )}
    </>
  );
}

function ReadersEditor({
  title,
  initial,
  groups,
  users,
  onSave,
  onClose,
  busy,
}: {
  title: string;
  initial: ReadersChoice;
  groups: Option[];
  users: Person[];
  onSave(choice: ReadersChoice): void;
  onClose(): void;
  busy: boolean;
}) {
  const [choice, setChoice] = useState<ReadersChoice>({ everyone: initial.everyone, groupIds: initial.groupIds, userIds: initial.userIds });
  return (
    <form
      aria-label={`Readers of ${title}`}
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        onSave(choice);
      }}
    >
      <ReadersPicker name={`readers-${title}`} value={choice} onChange={setChoice} groups={groups} users={users} />
      <div className="flex gap-2">
        <button
          type="submit"
          disabled={busy}
          className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-50"
        >
          Save readers
        </button>
        <button type="button" onClick={onClose} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm">
          Close
        </button>
      </div>
    </form>
  );
}

function ActionButton({ label, onClick, disabled, danger }: { label: string; onClick(): void; disabled?: boolean; danger?: boolean }) {
  return (
    <button
      type="button"
      onClick={onClick}
      disabled={disabled}
      className={`rounded border px-2 py-0.5 text-xs disabled:opacity-50 ${danger ? "border-red-300 text-red-700 hover:bg-red-50" : "border-slate-300 text-slate-700 hover:bg-slate-100"}`}
    >
      {label}
    </button>
  );
}
