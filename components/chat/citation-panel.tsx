"use client";

import { ExternalLink, X } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { PassageBlocks } from "@/components/chat/passage-blocks";
import { citationLocation } from "@/lib/chat/citation-label";
import { sentencesCiting } from "@/lib/chat/cited-sources";
import type { Citation } from "@/lib/chat/messages";
import { passageBlocks } from "@/lib/chat/passage-view";

type Passage = {
  chunkId: string;
  content: string;
  headingPath: string;
  page: number | null;
  document: { id: string; title: string; fileName: string; updatedAt?: string };
};

type Props = { citation: Citation; answerText: string; onClose: () => void };

/**
 * The cited passage, fetched when opened (the server checks again that this reader may see it):
 * its document, heading path, page and date, its tables and paragraphs as they were, the sentences
 * the answer used highlighted, and a link to the whole document. Focus moves in when it opens;
 * Escape closes it (focus then returns to what opened it).
 */
export function CitationPanel({ citation, answerText, onClose }: Props) {
  const t = useTranslations("source");
  const answerT = useTranslations("answer");
  const format = useFormatter();
  const [state, setState] = useState<{ passage?: Passage; error?: string }>({});
  const heading = useRef<HTMLHeadingElement>(null);
  const location = citationLocation(citation, (page) => answerT("page", { page }));

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

  // biome-ignore lint/correctness/useExhaustiveDependencies: opening another citation in the same panel moves focus to its heading again
  useEffect(() => {
    heading.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && onClose();
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [citation.chunkId, onClose]);

  const blocks = state.passage ? passageBlocks(state.passage.content, sentencesCiting(answerText, citation.n)) : [];
  const updatedAt = state.passage?.document.updatedAt;
  return (
    <aside
      role="dialog"
      aria-labelledby="source-title"
      className="fixed inset-0 z-30 overflow-y-auto bg-white p-5 md:static md:inset-auto md:w-full md:max-w-md md:shrink-0 md:border-l md:border-slate-200"
      data-testid="citation-panel"
    >
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="text-xs font-medium tracking-wide text-indigo-800 uppercase">{t("heading", { n: citation.n })}</p>
          <h2 id="source-title" ref={heading} tabIndex={-1} className="mt-1 font-semibold focus:outline-none">
            {citation.documentTitle}
          </h2>
          {location && <p className="text-sm text-slate-600">{location}</p>}
          {updatedAt && <p className="text-xs text-slate-600">{t("updated", { date: format.dateTime(new Date(updatedAt), { dateStyle: "medium" }) })}</p>}
        </div>
        <button type="button" onClick={onClose} className="rounded p-1 text-slate-600 hover:bg-slate-100" aria-label={t("close")}>
          <X size={18} aria-hidden />
        </button>
      </div>
      {state.error && (
        <p className="mt-4 text-sm text-red-700" role="alert">
          {state.error}
        </p>
      )}
      {!state.passage && !state.error && <p className="mt-4 text-sm text-slate-600">{t("loading")}</p>}
      {state.passage && (
        <div className="mt-4 border-l-4 border-indigo-200 pl-3">
          <PassageBlocks blocks={blocks} />
          {blocks.some((b) => b.kind === "paragraph" && b.sentences.some((s) => s.used)) && <p className="mt-2 text-xs text-slate-600">{t("usedHint")}</p>}
        </div>
      )}
      {state.passage && (
        // A full page load, so the passage is the page's :target (highlighted and scrolled to).
        <a
          href={`/documents/${state.passage.document.id}#passage-${state.passage.chunkId}`}
          className="mt-4 inline-flex items-center gap-1 text-sm font-medium text-indigo-800 hover:underline"
          data-testid="open-document"
        >
          <ExternalLink size={14} aria-hidden /> {t("openDocument")}
        </a>
      )}
    </aside>
  );
}
