"use client";

import { useTranslations } from "next-intl";
import { useState, type FormEvent, type KeyboardEvent } from "react";

export function Composer({ busy, onSend, onStop }: { busy: boolean; onSend: (text: string) => void; onStop: () => void }) {
  const t = useTranslations("composer");
  const [text, setText] = useState("");
  const [hint, setHint] = useState<string | null>(null);

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
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    // Enter sends, Shift+Enter breaks the line; never while an IME (Korean input) is composing.
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) submit(event);
  }

  return (
    <form onSubmit={submit} className="border-t border-slate-200 bg-white px-4 py-3">
      <div className="mx-auto flex max-w-3xl items-end gap-2">
        <label className="sr-only" htmlFor="question">
          {t("label")}
        </label>
        <textarea
          id="question"
          name="question"
          rows={2}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
          placeholder={t("placeholder")}
          className="min-h-[3rem] flex-1 resize-none rounded-md border border-slate-300 px-3 py-2 focus:border-indigo-500 focus:outline-none"
        />
        {busy ? (
          <button type="button" onClick={onStop} className="rounded-md border border-slate-300 px-4 py-2 font-medium hover:bg-slate-100">
            {t("stop")}
          </button>
        ) : (
          <button type="submit" className="rounded-md bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700">
            {t("send")}
          </button>
        )}
      </div>
      {hint && (
        <p role="alert" className="mx-auto mt-1 max-w-3xl text-sm text-amber-700">
          {hint}
        </p>
      )}
    </form>
  );
}
