"use client";

import { Check, ChevronLeft, ChevronRight, Copy, EyeOff, RotateCcw, ShieldAlert, Square, TriangleAlert } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { AnswerText } from "@/components/chat/answer-text";
import { FeedbackButtons } from "@/components/chat/feedback-buttons";
import type { GivenFeedback } from "@/lib/chat/answer-feedback";
import { citationLocation } from "@/lib/chat/citation-label";
import { citedInOrder } from "@/lib/chat/cited-sources";
import { HANGUL, messageText, type ChatMessage, type Citation } from "@/lib/chat/messages";

/** The language of a text the reader or a model wrote, for screen readers and fonts (the interface's may differ). */
const langOf = (text: string) => (HANGUL.test(text) ? "ko" : "en");

export type OpenCitation = (citation: Citation, answerText: string, opener: HTMLElement | null) => void;

type AnswerProps = {
  /** The versions of this answer, oldest first; the one shown is `shown`. */
  versions: ChatMessage[];
  shown: number;
  onShow: (index: number) => void;
  streaming: boolean;
  stopped: boolean;
  isLastAnswer: boolean;
  feedback: Record<string, GivenFeedback>;
  onOpenCitation: OpenCitation;
  onRegenerate: () => void;
};

/** One answer: its text, the sources it cites (once it is complete), and what the reader can do with it. */
export function AnswerView({ versions, shown, onShow, streaming, stopped, isLastAnswer, feedback, onOpenCitation, onRegenerate }: AnswerProps) {
  const t = useTranslations("answer");
  const message = versions[shown]!;
  const text = messageText(message);
  const citations = message.parts.flatMap((p) => (p.type === "data-citations" ? p.data : []));
  const notice = message.parts.find((p) => p.type === "data-guardrail")?.data;
  const meta = message.metadata;
  const decisionId = meta?.decisionId;
  const isStopped = stopped || meta?.stopped === true;
  const switcher = versions.length > 1 && <VersionSwitcher total={versions.length} shown={shown} onShow={onShow} disabled={streaming} />;

  if (meta?.sourcesUnreadable) {
    return (
      <article
        role="status"
        className="rounded-lg border border-slate-300 bg-slate-50 p-4 text-slate-800"
        data-testid="answer"
        data-hidden="sources-unreadable"
      >
        <p className="flex items-start gap-2">
          <EyeOff size={16} className="mt-1 shrink-0" aria-hidden /> {t("sourcesUnreadable")}
        </p>
        <div className="mt-3 flex flex-wrap items-center gap-3 text-sm">
          {switcher}
          {isLastAnswer && !streaming && <RegenerateButton label={t("askAgain")} onRegenerate={onRegenerate} />}
        </div>
      </article>
    );
  }
  if (meta?.refused || notice?.withheld) {
    return (
      <article role="status" className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-950" data-testid="answer" data-guardrail="refused">
        <p className="mb-1 flex items-center gap-2 text-xs font-semibold tracking-wide uppercase">
          <ShieldAlert size={14} aria-hidden /> {t("refused")}
        </p>
        <p lang={langOf(text)}>{notice?.withheld ? notice.message : text}</p>
        {/* A refusal can be a false positive: its feedback is how administrators hear about it. */}
        <div className="mt-3 flex flex-wrap items-center gap-3 text-sm">
          {switcher}
          {decisionId && !streaming && <FeedbackButtons key={decisionId} decisionId={decisionId} given={feedback[decisionId]} />}
        </div>
      </article>
    );
  }
  // Sources come after the text that cites them: only those cited, in citation order, once complete.
  const cited = streaming ? [] : citedInOrder(text, citations);
  return (
    <article
      className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
      data-testid="answer"
      aria-busy={streaming}
      data-stopped={isStopped || undefined}
    >
      {notice?.flagged && (
        <p role="note" className="mb-2 flex items-start gap-2 rounded-md bg-orange-50 px-3 py-2 text-sm text-orange-950" data-guardrail="flagged">
          <TriangleAlert size={16} className="mt-0.5 shrink-0" aria-hidden /> {notice.message}
        </p>
      )}
      {text ? (
        <div lang={langOf(text)}>
          <AnswerText text={text} citations={citations} onOpenCitation={(c, opener) => onOpenCitation(c, text, opener)} />
        </div>
      ) : (
        streaming && <p className="text-slate-600">{t("writing")}</p>
      )}
      {isStopped && (
        <p className="mt-3 flex items-center gap-2 rounded-md bg-slate-100 px-3 py-1.5 text-sm text-slate-700" data-testid="stopped-note">
          <Square size={12} aria-hidden /> {t("stopped")}
        </p>
      )}
      {cited.length > 0 && (
        <div className="mt-4 border-t border-slate-200 pt-3">
          <h3 className="sr-only">{t("sources")}</h3>
          <ol className="space-y-1 text-sm" aria-label={t("sources")}>
            {cited.map((c) => (
              <li key={c.chunkId}>
                <button
                  type="button"
                  onClick={(e) => onOpenCitation(c, text, e.currentTarget)}
                  className="text-left text-slate-700 hover:text-indigo-800"
                  data-testid="source"
                >
                  <span className="font-medium">[{c.n}]</span> {c.documentTitle}
                  <SourceLocation citation={c} />
                </button>
              </li>
            ))}
          </ol>
        </div>
      )}
      {!streaming && (
        <div className="mt-3 flex flex-wrap items-center gap-3 text-sm">
          {switcher}
          <CopyButton text={text} />
          {isLastAnswer && <RegenerateButton label={t("regenerate")} onRegenerate={onRegenerate} />}
          {decisionId && <FeedbackButtons key={decisionId} decisionId={decisionId} given={feedback[decisionId]} />}
        </div>
      )}
    </article>
  );
}

function RegenerateButton({ label, onRegenerate }: { label: string; onRegenerate: () => void }) {
  return (
    <button type="button" onClick={onRegenerate} className="flex items-center gap-1 text-slate-600 hover:text-indigo-800">
      <RotateCcw size={14} aria-hidden /> {label}
    </button>
  );
}

function SourceLocation({ citation }: { citation: Citation }) {
  const t = useTranslations("answer");
  const location = citationLocation(citation, (page) => t("page", { page }));
  return location ? <span className="text-slate-600"> · {location}</span> : null;
}

function VersionSwitcher({ total, shown, onShow, disabled }: { total: number; shown: number; onShow: (i: number) => void; disabled: boolean }) {
  const t = useTranslations("answer");
  return (
    <span className="flex items-center gap-0.5 text-slate-600" data-testid="versions">
      <button
        type="button"
        disabled={disabled || shown === 0}
        onClick={() => onShow(shown - 1)}
        aria-label={t("previousVersion")}
        className="rounded p-0.5 hover:bg-slate-100 disabled:opacity-40"
      >
        <ChevronLeft size={16} aria-hidden />
      </button>
      <span className="text-xs tabular-nums">{t("version", { current: shown + 1, total })}</span>
      <button
        type="button"
        disabled={disabled || shown === total - 1}
        onClick={() => onShow(shown + 1)}
        aria-label={t("nextVersion")}
        className="rounded p-0.5 hover:bg-slate-100 disabled:opacity-40"
      >
        <ChevronRight size={16} aria-hidden />
      </button>
    </span>
  );
}

function CopyButton({ text }: { text: string }) {
  const t = useTranslations("answer");
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      onClick={async () => {
        await navigator.clipboard.writeText(text);
        setCopied(true);
        setTimeout(() => setCopied(false), 2000);
      }}
      className="flex items-center gap-1 text-slate-600 hover:text-indigo-800"
      data-testid="copy-answer"
    >
      {copied ? <Check size={14} aria-hidden /> : <Copy size={14} aria-hidden />} {copied ? t("copied") : t("copy")}
    </button>
  );
}

/** A question the reader stopped before any answer came: said so, with a way to ask again. */
export function StoppedBeforeAnswer({ onAskAgain }: { onAskAgain: () => void }) {
  const t = useTranslations("answer");
  return (
    <article className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-700" data-testid="answer" data-stopped>
      <p className="flex items-center gap-2" data-testid="stopped-note">
        <Square size={12} aria-hidden /> {t("stoppedBeforeAnswer")}
      </p>
      <button type="button" onClick={onAskAgain} className="mt-2 flex items-center gap-1 text-indigo-800 hover:underline">
        <RotateCcw size={14} aria-hidden /> {t("askAgain")}
      </button>
    </article>
  );
}

export function QuestionView({ text, onEdit }: { text: string; onEdit?: (text: string) => void }) {
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
        <textarea
          id="edit-question"
          // biome-ignore lint/a11y/noAutofocus: the reader just chose to edit: focus follows them into the box that replaced the question
          autoFocus
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          className="w-full rounded-md border border-slate-300 bg-white p-2"
          rows={3}
        />
        <div className="flex justify-end gap-2 text-sm">
          <button type="button" onClick={() => setEditing(false)} className="rounded border border-slate-300 px-3 py-1 hover:bg-slate-100">
            {t("cancel")}
          </button>
          <button type="submit" className="rounded bg-indigo-700 px-3 py-1 text-white hover:bg-indigo-800">
            {t("saveAndAsk")}
          </button>
        </div>
      </form>
    );
  }
  return (
    <div className="group ml-auto max-w-[85%]" data-testid="question">
      <p lang={langOf(text)} className="rounded-lg bg-indigo-700 px-4 py-2 whitespace-pre-wrap text-white">
        {text}
      </p>
      {onEdit && (
        <button
          type="button"
          onClick={() => setEditing(true)}
          className="float-right mt-1 text-xs text-slate-600 md:opacity-0 md:group-hover:opacity-100 md:focus:opacity-100"
        >
          {t("edit")}
        </button>
      )}
    </div>
  );
}
