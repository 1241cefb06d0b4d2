import { countByType } from "@/lib/guardrails/verdicts";
import { AUDIT_MESSAGES, effectOf, findingTypeLabel, type AuditLocale } from "@/components/audit/messages";

/** A verdict as records keep it; records written before verdicts named their rule lack rule, detectors and counts. */
export type StoredVerdict = {
  stage: string;
  check: string;
  rule?: string;
  detectors?: string[];
  counts?: Record<string, number>;
  action: string;
  applied: boolean;
  shadow: boolean;
  findings: { type: string; start: number; end: number }[];
  chunkId?: string;
};

/** Each check that fired, said in plain words: what it found, where, and what was done about it (or would have been, on trial). */
export function VerdictList({ verdicts, locale }: { verdicts: StoredVerdict[]; locale: AuditLocale }) {
  const t = AUDIT_MESSAGES[locale];
  if (verdicts.length === 0) return <p className="text-sm text-slate-500">{t.noChecks}</p>;
  return (
    <ul className="space-y-3 text-sm" data-testid="verdicts">
      {verdicts.map((verdict, i) => {
        const counts = verdict.counts ?? countByType(verdict.findings);
        const what = Object.entries(counts)
          .map(([type, n]) => `${findingTypeLabel(type, locale)}${t.times(n)}`)
          .join(", ");
        const where = t.where[verdict.stage] ?? verdict.stage;
        const spans = verdict.findings.map((f) => `${f.start}–${f.end}`).join(", ");
        return (
          <li
            // biome-ignore lint/suspicious/noArrayIndexKey: a stored record's verdicts, fixed and never reordered, two of them possibly alike: their position is their identity
            key={i}
            className={`rounded-md border p-3 ${verdict.shadow ? "border-dashed border-slate-300 bg-slate-50" : "border-slate-200"}`}
            data-testid="verdict"
          >
            <p className="font-medium">{what ? t.found(what, where) : t.nothingSupported}</p>
            <p>{t.effect(effectOf(verdict.stage, verdict.action), verdict.shadow)}</p>
            <p className="mt-1 text-xs text-slate-500">
              {t.rule(verdict.rule ?? `${verdict.stage}.${verdict.check}`)}
              {verdict.detectors?.length ? ` · ${verdict.detectors.join(", ")}` : ""}
              {spans ? ` · ${t.at(spans)}` : ""}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
