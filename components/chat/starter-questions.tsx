"use client";

import { MessageCircleQuestion } from "lucide-react";
import { useTranslations } from "next-intl";
import type { StarterTopic } from "@/lib/chat/document-view";

/** The first screen: what Lore is for, and questions about documents this reader may actually read. */
export function StarterQuestions({ topics, onAsk }: { topics: StarterTopic[]; onAsk: (question: string) => void }) {
  const t = useTranslations("chat");
  return (
    <div className="mx-auto mt-10 max-w-2xl text-center sm:mt-16">
      <h1 className="text-xl font-semibold text-slate-800">{t("emptyTitle")}</h1>
      <p className="mt-2 text-sm text-slate-600">{t("emptyBody")}</p>
      {topics.length > 0 && (
        <section className="mt-8 text-left" aria-labelledby="starters-title">
          <h2 id="starters-title" className="mb-2 text-xs font-semibold tracking-wide text-slate-600 uppercase">
            {t("emptyStarters")}
          </h2>
          <ul className="grid gap-2 sm:grid-cols-2">
            {topics.map((topic) => {
              const question = topic.section
                ? t("starterSection", { title: topic.title, section: topic.section })
                : t("starterDocument", { title: topic.title });
              return (
                <li key={topic.documentId}>
                  <button
                    type="button"
                    onClick={() => onAsk(question)}
                    className="flex h-full w-full items-start gap-2 rounded-lg border border-slate-200 bg-white px-3 py-2.5 text-left text-sm text-slate-800 shadow-sm hover:border-indigo-300 hover:bg-indigo-50"
                    data-testid="starter-question"
                  >
                    <MessageCircleQuestion size={16} className="mt-0.5 shrink-0 text-indigo-700" aria-hidden />
                    {question}
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      )}
    </div>
  );
}
