"use client";

import { ThumbsDown, ThumbsUp } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { GivenFeedback } from "@/lib/chat/answer-feedback";

type Rating = GivenFeedback["rating"];
type Reason = NonNullable<GivenFeedback["reason"]>;
const REASONS: Reason[] = ["wrong", "not_cited", "outdated", "harmful", "other"];

/**
 * Thumbs up/down on an answer, attached to its decision record. A thumbs-down offers reasons and a
 * comment. What the reader gave before shows again (it comes from the server), and every change
 * replaces the stored feedback; each send is confirmed.
 */
export function FeedbackButtons({ decisionId, given }: { decisionId: string; given?: GivenFeedback }) {
  const t = useTranslations("feedback");
  const [rating, setRating] = useState<Rating | null>(given?.rating ?? null);
  const [reason, setReason] = useState<Reason | null>(given?.reason ?? null);
  const [comment, setComment] = useState(given?.comment ?? "");
  const [open, setOpen] = useState(false);
  const [state, setState] = useState<"idle" | "saving" | "saved" | "failed">("idle");

  async function send(next: { rating: Rating; reason: Reason | null; comment: string }) {
    setRating(next.rating);
    setState("saving");
    const post = () =>
      fetch("/api/feedback", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ decisionId, rating: next.rating, reason: next.reason ?? undefined, comment: next.comment.trim() || undefined }),
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

  function vote(next: Rating) {
    const nextReason = next === "down" ? reason : null;
    setReason(nextReason);
    setOpen(next === "down");
    void send({ rating: next, reason: nextReason, comment });
  }

  return (
    <div className="flex flex-wrap items-center gap-2 text-slate-600" data-testid="feedback">
      <button
        type="button"
        aria-pressed={rating === "up"}
        aria-label={t("helpful")}
        onClick={() => vote("up")}
        className={`rounded p-1 ${rating === "up" ? "text-emerald-700" : "hover:text-emerald-700"}`}
      >
        <ThumbsUp size={16} aria-hidden fill={rating === "up" ? "currentColor" : "none"} />
      </button>
      <button
        type="button"
        aria-pressed={rating === "down"}
        aria-label={t("notHelpful")}
        onClick={() => vote("down")}
        className={`rounded p-1 ${rating === "down" ? "text-red-700" : "hover:text-red-700"}`}
      >
        <ThumbsDown size={16} aria-hidden fill={rating === "down" ? "currentColor" : "none"} />
      </button>
      {rating === "down" && open && (
        <form
          className="flex w-full flex-wrap items-center gap-2 pt-1"
          onSubmit={(e) => {
            e.preventDefault();
            setOpen(false);
            void send({ rating: "down", reason, comment });
          }}
        >
          <fieldset className="flex flex-wrap items-center gap-1.5">
            <legend className="sr-only">{t("reasonLabel")}</legend>
            <span aria-hidden className="text-xs text-slate-600">
              {t("reasonLabel")}
            </span>
            {REASONS.map((r) => (
              <label
                key={r}
                className={`cursor-pointer rounded-full border px-2 py-0.5 text-xs ${reason === r ? "border-red-300 bg-red-50 text-red-800" : "border-slate-300 hover:bg-slate-100"}`}
              >
                <input type="radio" name={`reason-${decisionId}`} value={r} checked={reason === r} onChange={() => setReason(r)} className="sr-only" />
                {t(`reasons.${r}`)}
              </label>
            ))}
          </fieldset>
          <label className="sr-only" htmlFor={`feedback-${decisionId}`}>
            {t("comment")}
          </label>
          <input
            id={`feedback-${decisionId}`}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            placeholder={t("commentPlaceholder")}
            maxLength={2000}
            className="min-w-0 flex-1 rounded border border-slate-300 bg-white px-2 py-0.5 text-sm"
          />
          <button type="submit" className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100">
            {t("send")}
          </button>
        </form>
      )}
      {rating === "down" && !open && (reason || comment) && (
        <button
          type="button"
          onClick={() => setOpen(true)}
          className="text-xs text-slate-600 underline-offset-2 hover:underline"
          data-testid="feedback-summary"
        >
          {[reason ? t(`reasons.${reason}`) : null, comment ? t("yourComment", { comment }) : null].filter(Boolean).join(" · ")}
        </button>
      )}
      <span role="status" className="text-xs">
        {state === "saved" && <span className="text-emerald-700">{t("saved")}</span>}
        {state === "failed" && <span className="text-red-700">{t("failed")}</span>}
      </span>
    </div>
  );
}
