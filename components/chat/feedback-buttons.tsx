"use client";

import { ThumbsDown, ThumbsUp } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";

type Rating = "up" | "down";

/** Thumbs up/down with an optional comment; attached to the answer's decision record. */
export function FeedbackButtons({ decisionId }: { decisionId: string }) {
  const t = useTranslations("feedback");
  const [rating, setRating] = useState<Rating | null>(null);
  const [comment, setComment] = useState("");
  const [state, setState] = useState<"idle" | "saving" | "saved" | "failed">("idle");

  async function send(next: Rating, withComment = "") {
    setRating(next);
    setState("saving");
    const post = () =>
      fetch("/api/feedback", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ decisionId, rating: next, comment: withComment || undefined }),
      }).catch(() => null);
    // The decision record is written as the answer's stream closes, so a very quick click can
    // arrive just before it exists: a 404 is retried briefly.
    let response = await post();
    for (let attempt = 1; response?.status === 404 && attempt <= 3; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 400 * attempt));
      response = await post();
    }
    setState(response?.ok ? "saved" : "failed");
  }

  return (
    <div className="flex items-center gap-2 text-slate-500">
      <button type="button" aria-pressed={rating === "up"} aria-label={t("helpful")} onClick={() => send("up")} className={rating === "up" ? "text-emerald-600" : "hover:text-emerald-600"}>
        <ThumbsUp size={16} aria-hidden />
      </button>
      <button type="button" aria-pressed={rating === "down"} aria-label={t("notHelpful")} onClick={() => send("down")} className={rating === "down" ? "text-red-600" : "hover:text-red-600"}>
        <ThumbsDown size={16} aria-hidden />
      </button>
      {rating && (
        <form
          className="flex items-center gap-1"
          onSubmit={(e) => {
            e.preventDefault();
            void send(rating, comment);
          }}
        >
          <label className="sr-only" htmlFor={`feedback-${decisionId}`}>
            {t("comment")}
          </label>
          <input id={`feedback-${decisionId}`} value={comment} onChange={(e) => setComment(e.target.value)} placeholder={t("commentPlaceholder")} className="w-56 rounded border border-slate-300 px-2 py-0.5 text-sm" />
          <button type="submit" className="rounded border border-slate-300 px-2 py-0.5 text-xs">
            {t("send")}
          </button>
        </form>
      )}
      {state === "saved" && <span className="text-xs text-emerald-700">{t("saved")}</span>}
      {state === "failed" && <span className="text-xs text-red-700">{t("failed")}</span>}
    </div>
  );
}
