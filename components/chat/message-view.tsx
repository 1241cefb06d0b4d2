"use client";

import { ShieldAlert, TriangleAlert } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { AnswerText } from "@/components/chat/answer-text";
import { FeedbackButtons } from "@/components/chat/feedback-buttons";
import { citationLocation } from "@/lib/chat/citation-label";
import { messageText, type ChatMessage, type Citation } from "@/lib/chat/messages";

type Props = {
  message: ChatMessage;
  streaming: boolean;
  isLastAnswer: boolean;
  onOpenCitation: (citation: Citation) => void;
  onRegenerate: () => void;
  onEdit?: (text: string) => void;
};

export function MessageView({ message, streaming, isLastAnswer, onOpenCitation, onRegenerate, onEdit }: Props) {
  const t = useTranslations("answer");
  const text = messageText(message);
  if (message.role === "user") return <UserMessage text={text} onEdit={onEdit} />;
  const citations = message.parts.flatMap((p) => (p.type === "data-citations" ? p.data : []));
  const notice = message.parts.find((p) => p.type === "data-guardrail")?.data;
  const meta = message.metadata;
  if (meta?.refused || notice?.withheld) {
    return (
      <article role="status" className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-900" data-testid="answer" data-guardrail="refused">
        <p className="mb-1 flex items-center gap-2 text-xs font-semibold uppercase tracking-wide">
          <ShieldAlert size={14} aria-hidden /> {t("refused")}
        </p>
        <p>{notice?.withheld ? notice.message : text}</p>
        {/* A refusal can be a false positive: its feedback is how administrators hear about it. */}
        {isLastAnswer && meta?.decisionId && (
          <div className="mt-3 text-sm">
            <FeedbackButtons decisionId={meta.decisionId} />
          </div>
        )}
      </article>
    );
  }
  return (
    <article className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="answer" aria-busy={streaming}>
      {/* An extractive answer says itself, in the question's language, that no model was configured: said once. */}
      {notice?.flagged && (
        <p role="note" className="mb-2 flex items-start gap-2 rounded-md bg-orange-50 px-3 py-2 text-sm text-orange-900" data-guardrail="flagged">
          <TriangleAlert size={16} className="mt-0.5 shrink-0" aria-hidden /> {notice.message}
        </p>
      )}
      <AnswerText text={text} citations={citations} onOpenCitation={onOpenCitation} />
      {citations.length > 0 && (
        <ol className="mt-4 space-y-1 border-t border-slate-100 pt-3 text-sm" aria-label={t("sources")}>
          {citations.map((c) => (
            <li key={c.chunkId}>
              <button type="button" onClick={() => onOpenCitation(c)} className="text-left text-slate-600 hover:text-indigo-700" data-testid="source">
                <span className="font-medium">[{c.n}]</span> {c.documentTitle}
                {citationLocation(c, (page) => t("page", { page })) && <span className="text-slate-400"> · {citationLocation(c, (page) => t("page", { page }))}</span>}
              </button>
            </li>
          ))}
        </ol>
      )}
      {isLastAnswer && (
        <div className="mt-3 flex items-center gap-3 text-sm">
          <button type="button" onClick={onRegenerate} className="text-slate-500 hover:text-indigo-700">
            ↻ {t("regenerate")}
          </button>
          {meta?.decisionId && <FeedbackButtons decisionId={meta.decisionId} />}
        </div>
      )}
    </article>
  );
}

function UserMessage({ text, onEdit }: { text: string; onEdit?: (text: string) => void }) {
  const t = useTranslations("question");
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(text);
  if (editing && onEdit) {
    return (
      <form
        className="ml-auto max-w-[85%] space-y-2"
        onSubmit={(e) => {
          e.preventDefault();
          if (!draft.trim()) return;
          setEditing(false);
          onEdit(draft.trim());
        }}
      >
        <label className="sr-only" htmlFor="edit-question">
          {t("editLabel")}
        </label>
        <textarea id="edit-question" value={draft} onChange={(e) => setDraft(e.target.value)} className="w-full rounded-md border border-slate-300 p-2" rows={3} />
        <div className="flex justify-end gap-2 text-sm">
          <button type="button" onClick={() => setEditing(false)} className="rounded border border-slate-300 px-3 py-1">
            {t("cancel")}
          </button>
          <button type="submit" className="rounded bg-indigo-600 px-3 py-1 text-white">
            {t("saveAndAsk")}
          </button>
        </div>
      </form>
    );
  }
  return (
    <div className="group ml-auto max-w-[85%]" data-testid="question">
      <p className="whitespace-pre-wrap rounded-lg bg-indigo-600 px-4 py-2 text-white">{text}</p>
      {onEdit && (
        <button type="button" onClick={() => setEditing(true)} className="mt-1 float-right text-xs text-slate-400 opacity-0 group-hover:opacity-100 focus:opacity-100">
          {t("edit")}
        </button>
      )}
    </div>
  );
}
