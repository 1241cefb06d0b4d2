import type { Outcome } from "@/lib/generated/prisma/enums";

const STYLE: Record<Outcome, string> = {
  answered: "bg-emerald-100 text-emerald-800",
  no_answer: "bg-slate-100 text-slate-700",
  blocked: "bg-amber-100 text-amber-800",
  error: "bg-red-100 text-red-800",
  aborted: "bg-slate-200 text-slate-700",
  incomplete: "bg-orange-100 text-orange-800",
};

export function OutcomeBadge({ outcome, label }: { outcome: Outcome; label?: string }) {
  return <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${STYLE[outcome]}`}>{label ?? outcome.replace("_", " ")}</span>;
}
