"use client";

import { ArrowUp, Square } from "lucide-react";
import { useTranslations } from "next-intl";
import { useImperativeHandle, useRef, useState, type FormEvent, type KeyboardEvent, type Ref } from "react";

export type ComposerHandle = { focus: () => void; fill: (text: string) => void };

type Props = { busy: boolean; onSend: (text: string) => void; onStop: () => void; ref?: Ref<ComposerHandle> };

/** The question box: Enter sends, Shift+Enter breaks the line; Stop while an answer is on its way. */
export function Composer({ busy, onSend, onStop, ref }: Props) {
  const t = useTranslations("composer");
  const [text, setText] = useState("");
  const [hint, setHint] = useState<string | null>(null);
  const box = useRef<HTMLTextAreaElement>(null);
  useImperativeHandle(ref, () => ({
    focus: () => box.current?.focus(),
    fill: (value: string) => {
      setText(value);
      box.current?.focus();
    },
  }));

  function submit(event?: FormEvent) {
    event?.preventDefault();
    if (busy) return;
    if (!text.trim()) {
      setHint(t("empty"));
      return;
    }
    setHint(null);
    onSend(text.trim());
    setText("");
    box.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    // Enter sends, Shift+Enter breaks the line; never while an IME (Korean input) is composing.
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) submit(event);
  }

  return (
    <form onSubmit={submit} className="border-t border-slate-200 bg-white px-3 py-3 sm:px-4">
      <div className="mx-auto flex max-w-3xl items-end gap-2">
        <label className="sr-only" htmlFor="question">
          {t("label")}
        </label>
        <textarea
          ref={box}
          id="question"
          name="question"
          rows={2}
          // biome-ignore lint/a11y/noAutofocus: the chat page exists to ask a question; the box starts focused like any chat's
          autoFocus
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
          placeholder={t("placeholder")}
          aria-describedby={hint ? "composer-hint" : undefined}
          className="min-h-[3rem] flex-1 resize-none rounded-md border border-slate-300 bg-white px-3 py-2 focus:border-indigo-500 focus:outline-none"
        />
        {/* Two different buttons (keys), so a click on Stop can never land on Send as the answer ends. */}
        {busy ? (
          <button
            key="stop"
            type="button"
            onClick={onStop}
            className="flex items-center gap-1.5 rounded-md border border-slate-300 px-4 py-2 font-medium hover:bg-slate-100"
          >
            <Square size={14} aria-hidden /> {t("stop")}
          </button>
        ) : (
          <button key="send" type="submit" className="flex items-center gap-1.5 rounded-md bg-indigo-700 px-4 py-2 font-medium text-white hover:bg-indigo-800">
            <ArrowUp size={16} aria-hidden /> {t("send")}
          </button>
        )}
      </div>
      {hint && (
        <p id="composer-hint" role="alert" className="mx-auto mt-1 max-w-3xl text-sm text-amber-800">
          {hint}
        </p>
      )}
    </form>
  );
}
