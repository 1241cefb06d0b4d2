"use client";

import { useCallback, useEffect, useState } from "react";
import { DocumentTable } from "@/components/admin/document-table";
import type { Option, Person } from "@/components/admin/readers-picker";
import { UploadPanel } from "@/components/admin/upload-panel";
import type { DocumentsOverview } from "@/lib/ingest/documents";

// While anything is being indexed the page asks for news this often; otherwise it does not poll.
const POLL_MS = 1_000;
const SWITCH_POLL_MS = 5_000;

/** The documents page's live part: uploads, the documents with their progress, and an embedder switch under way. */
export function DocumentsManager({ initial, groups, users }: { initial: DocumentsOverview; groups: Option[]; users: Person[] }) {
  const [overview, setOverview] = useState(initial);
  const refresh = useCallback(async () => {
    const response = await fetch("/api/documents", { cache: "no-store" }).catch(() => null);
    if (response?.ok) setOverview((await response.json()) as DocumentsOverview);
  }, []);
  const indexing = overview.documents.some((d) => d.status === "queued" || d.status === "indexing");
  const switching = overview.embeddings.pending !== null;

  useEffect(() => {
    if (!indexing && !switching) return;
    const timer = setInterval(refresh, indexing ? POLL_MS : SWITCH_POLL_MS);
    return () => clearInterval(timer);
  }, [indexing, switching, refresh]);

  const pending = overview.embeddings.pending;
  return (
    <>
      <UploadPanel groups={groups} users={users} onUploaded={refresh} />
      {pending && (
        <p role="status" className="rounded-md bg-sky-50 px-3 py-2 text-sm text-sky-900" data-testid="embedder-switch">
          Switching embeddings from {overview.embeddings.active} to {pending.id}: {pending.done} of {pending.total} passages re-embedded. Answers use{" "}
          {overview.embeddings.active} until every passage is done.
        </p>
      )}
      <DocumentTable documents={overview.documents} groups={groups} users={users} onChanged={refresh} />
    </>
  );
}
