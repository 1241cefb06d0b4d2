"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { citationLocation } from "@/lib/chat/citation-label";
import type { Citation } from "@/lib/chat/messages";

type Passage = { content: string; headingPath: string; page: number | null; document: { title: string; fileName: string } };

/** The cited passage, fetched when opened: the server checks again that this reader may see it. */
export function CitationPanel({ citation, onClose }: { citation: Citation; onClose: () => void }) {
  const t = useTranslations("source");
  const answerT = useTranslations("answer");
  const location = citationLocation(citation, (page) => answerT("page", { page }));
  const [state, setState] = useState<{ passage?: Passage; error?: string }>({});

  useEffect(() => {
    let live = true;
    setState({});
    fetch(`/api/chunks/${citation.chunkId}`)
      .then(async (response) => {
        const body = (await response.json()) as { passage?: Passage; message?: string };
        if (live) setState(response.ok ? { passage: body.passage } : { error: body.message ?? t("loadFailed") });
      })
      .catch(() => live && setState({ error: t("loadFailed") }));
    return () => {
      live = false;
    };
  }, [citation.chunkId, t]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && onClose();
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);

  return (
    <aside role="dialog" aria-label={t("label", { n: citation.n })} className="w-full max-w-md shrink-0 overflow-y-auto border-l border-slate-200 bg-white p-5" data-testid="citation-panel">
      <div className="flex items-start justify-between gap-3">
        <div>
          <p className="text-xs font-medium uppercase tracking-wide text-indigo-700">{t("heading", { n: citation.n })}</p>
          <h2 className="mt-1 font-semibold">{citation.documentTitle}</h2>
          {location && <p className="text-sm text-slate-500">{location}</p>}
        </div>
        <button type="button" onClick={onClose} className="rounded px-2 text-slate-500 hover:bg-slate-100" aria-label={t("close")}>
          ✕
        </button>
      </div>
      {state.error && <p className="mt-4 text-sm text-red-700" role="alert">{state.error}</p>}
      {!state.passage && !state.error && <p className="mt-4 text-sm text-slate-400">{t("loading")}</p>}
      {state.passage && (
        <blockquote className="mt-4 whitespace-pre-wrap border-l-4 border-indigo-200 pl-3 text-slate-800" data-testid="passage-text">
          {state.passage.content}
        </blockquote>
      )}
    </aside>
  );
}
