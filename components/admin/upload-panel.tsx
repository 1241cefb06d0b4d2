"use client";

import { useRef, useState, type DragEvent, type FormEvent } from "react";
import { EVERYONE_CHOICE, type Option, type Person, ReadersPicker, readersPayload } from "@/components/admin/readers-picker";

const ACCEPT = ".pdf,.docx,.xlsx,.pptx,.html,.htm,.csv,.md,.markdown,.txt,.text";
// Files are sent one request each, a few at a time: each gets its own answer, and one refused file
// (too large, wrong type) does not hold back the others.
const PARALLEL_UPLOADS = 3;

type FileResult = { file: string; kind: "queued" | "duplicate" | "error"; message: string };
// A file chosen twice (same name and size) is added once; a result answers the file with this key.
const fileKey = (file: File) => `${file.name}:${file.size}`;
type UploadAnswer = { message?: string; documents?: { title: string }[]; duplicates?: { title: string }[] };

/** Upload several documents at once (chosen or dropped) and choose their readers; indexing runs in the background. */
export function UploadPanel({ groups, users, onUploaded }: { groups: Option[]; users: Person[]; onUploaded(): Promise<void> }) {
  const input = useRef<HTMLInputElement>(null);
  const [files, setFiles] = useState<File[]>([]);
  const [readers, setReaders] = useState(EVERYONE_CHOICE);
  const [title, setTitle] = useState("");
  const [dragging, setDragging] = useState(false);
  const [busy, setBusy] = useState(false);
  const [results, setResults] = useState<FileResult[]>([]);

  function add(list: FileList | null) {
    if (list?.length) setFiles((current) => [...current, ...Array.from(list).filter((f) => !current.some((c) => fileKey(c) === fileKey(f)))]);
  }

  function drop(event: DragEvent<HTMLFieldSetElement>) {
    event.preventDefault();
    setDragging(false);
    add(event.dataTransfer.files);
  }

  async function uploadOne(file: File): Promise<FileResult> {
    const data = new FormData();
    data.set("file", file);
    data.set("readers", JSON.stringify(readersPayload(readers)));
    if (files.length === 1 && title.trim()) data.set("title", title.trim());
    const response = await fetch("/api/documents", { method: "POST", body: data }).catch(() => null);
    const body = (await response?.json().catch(() => null)) as UploadAnswer | null;
    if (!response?.ok || !body)
      return { file: fileKey(file), kind: "error", message: body?.message ?? `“${file.name}” could not be uploaded. Please try again.` };
    const duplicate = body.duplicates?.[0];
    if (duplicate) return { file: fileKey(file), kind: "duplicate", message: `“${file.name}” is already here as “${duplicate.title}”: nothing was added.` };
    return { file: fileKey(file), kind: "queued", message: `“${file.name}” is queued for indexing.` };
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (files.length === 0) {
      setResults([{ file: "", kind: "error", message: "Choose or drop files to upload." }]);
      return;
    }
    setBusy(true);
    const pending = [...files];
    const done: FileResult[] = [];
    await Promise.all(
      Array.from({ length: Math.min(PARALLEL_UPLOADS, pending.length) }, async () => {
        for (let file = pending.shift(); file; file = pending.shift()) {
          done.push(await uploadOne(file));
          void onUploaded();
        }
      }),
    );
    setResults(files.map((f) => done.find((r) => r.file === fileKey(f))!));
    setFiles([]);
    setTitle("");
    if (input.current) input.current.value = "";
    setBusy(false);
  }

  return (
    <form onSubmit={submit} className="space-y-4 rounded-lg border border-slate-200 bg-white p-5" aria-label="Upload documents">
      <h2 className="font-semibold">Upload documents</h2>
      <fieldset
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={drop}
        data-testid="drop-zone"
        className={`min-w-0 rounded-md border-2 border-dashed p-4 text-sm ${dragging ? "border-indigo-500 bg-indigo-50" : "border-slate-300"}`}
      >
        <label className="block font-medium">
          Files (PDF, Word, Excel, PowerPoint, HTML, CSV, Markdown or text): choose them or drop them here
          <input
            ref={input}
            name="file"
            type="file"
            multiple
            accept={ACCEPT}
            onChange={(event) => add(event.currentTarget.files)}
            className="mt-1 block w-full text-sm"
          />
        </label>
        {files.length > 0 && (
          <ul className="mt-2 list-disc pl-5 text-slate-600" aria-label="Chosen files">
            {files.map((f) => (
              <li key={fileKey(f)}>{f.name}</li>
            ))}
          </ul>
        )}
      </fieldset>
      {files.length <= 1 && (
        <label className="block text-sm font-medium">
          Title (optional)
          <input
            value={title}
            onChange={(event) => setTitle(event.currentTarget.value)}
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-1.5"
            placeholder="Taken from the file if empty"
          />
        </label>
      )}
      <ReadersPicker name="upload-readers" value={readers} onChange={setReaders} groups={groups} users={users} />
      <div className="flex items-center gap-3">
        <button
          type="submit"
          disabled={busy}
          className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-50"
        >
          {busy ? "Uploading…" : files.length > 1 ? `Upload ${files.length} files` : "Upload"}
        </button>
      </div>
      {results.length > 0 && (
        <ul className="space-y-1 text-sm" aria-label="Upload results">
          {results.map((r) => (
            <li
              key={r.file}
              role={r.kind === "error" ? "alert" : "status"}
              className={r.kind === "error" ? "text-red-700" : r.kind === "duplicate" ? "text-amber-700" : "text-emerald-700"}
            >
              {r.message}
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}
