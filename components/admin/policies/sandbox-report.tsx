import { CircleCheck, ShieldAlert, ShieldX, TriangleAlert } from "lucide-react";
import type { ReactNode } from "react";
import { HighlightedText, TONES } from "@/components/admin/policies/highlighted-text";
import { checkLabel, checkTone, type DetectorNames } from "@/components/admin/policies/labels";
import type { SandboxCheck, SandboxKind, SandboxResult } from "@/lib/guardrails/sandbox";

/** A sandbox result with the text it was run on (the textarea may have changed since). */
export type SandboxRun = { text: string; result: SandboxResult };

/** What the draft did to the text: the outcome, each check's findings and action, the text marked up and after. */
export function SandboxReport({ run, detectorNames, findingLabels }: { run: SandboxRun; detectorNames: DetectorNames; findingLabels: Record<string, string> }) {
  const { result } = run;
  return (
    <div className="space-y-4 border-t border-slate-100 px-5 py-4" data-testid="sandbox-result">
      <OutcomeBanner result={result} detectorNames={detectorNames} />
      <Block title={result.checks.length ? `Findings (${result.checks.length} ${result.checks.length === 1 ? "check" : "checks"})` : "Findings"}>
        {result.checks.length === 0 ? (
          <p className="text-sm text-slate-500">No enabled rule found anything.</p>
        ) : (
          <ul className="space-y-2" data-testid="sandbox-checks">
            {result.checks.map((check) => (
              <CheckLine key={`${check.stage}:${check.check}`} check={check} kind={result.kind} detectorNames={detectorNames} findingLabels={findingLabels} />
            ))}
          </ul>
        )}
      </Block>
      <Block title="Highlighted">
        <div className="rounded-lg border border-slate-200 bg-slate-50 px-3 py-2">
          <HighlightedText text={run.text} highlights={result.highlights} findingLabels={findingLabels} />
        </div>
      </Block>
      <Block title={afterTitle(result)}>
        <p className="whitespace-pre-wrap break-words rounded-lg border border-slate-200 px-3 py-2 text-sm leading-6" data-testid="sandbox-after">
          {result.result}
        </p>
      </Block>
    </div>
  );
}

function afterTitle(result: SandboxResult): string {
  if (result.outcome.effect !== "refused" && result.outcome.effect !== "withheld") return "After the policy";
  return result.kind === "document" ? "What happens to the passage" : "What the person is told instead";
}

function OutcomeBanner({ result, detectorNames }: { result: SandboxResult; detectorNames: DetectorNames }) {
  const trials = result.checks.filter((c) => c.shadow).length;
  const trialNote =
    trials > 0 ? ` ${trials === 1 ? "1 rule on trial" : `${trials} rules on trial`} recorded what ${trials === 1 ? "it" : "they"} would have done.` : "";
  const outcome = result.outcome;
  const banner = (tone: string, icon: ReactNode, title: string, detail: string) => (
    <div role="status" className={`flex gap-2 rounded-lg border px-3 py-2 text-sm ${tone}`} data-testid="sandbox-outcome">
      {icon}
      <div>
        <p className="font-semibold">{title}</p>
        {detail && <p className="mt-0.5 opacity-90">{detail}</p>}
      </div>
    </div>
  );
  switch (outcome.effect) {
    case "refused":
      return banner(
        "border-red-200 bg-red-50 text-red-900",
        <ShieldX className="mt-0.5 size-4 shrink-0" aria-hidden />,
        `Question refused: ${checkLabel(result.checks.find((c) => c.check === outcome.check)?.stage ?? "input", outcome.check, detectorNames)}`,
        trialNote.trim(),
      );
    case "withheld":
      return banner(
        "border-red-200 bg-red-50 text-red-900",
        <ShieldX className="mt-0.5 size-4 shrink-0" aria-hidden />,
        result.kind === "document" ? "Passage withheld" : "Answer withheld",
        trialNote.trim(),
      );
    case "flagged":
      return banner(
        "border-amber-200 bg-amber-50 text-amber-900",
        <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />,
        "Answer shown with a warning",
        `${outcome.message}${trialNote}`,
      );
    case "changed":
      return banner(
        "border-sky-200 bg-sky-50 text-sky-900",
        <ShieldAlert className="mt-0.5 size-4 shrink-0" aria-hidden />,
        "Passes, with personal data redacted or masked",
        trialNote.trim(),
      );
    case "unchanged":
      return banner(
        "border-emerald-200 bg-emerald-50 text-emerald-900",
        <CircleCheck className="mt-0.5 size-4 shrink-0" aria-hidden />,
        "Passes unchanged",
        trialNote.trim(),
      );
  }
}

const CONSEQUENCES: Record<SandboxKind, Record<string, string>> = {
  question: { block: "question refused" },
  document: { withhold: "passage withheld" },
  answer: { block: "answer withheld", flag: "shown with a warning" },
};

const WOULD_HAVE: Record<SandboxKind, Record<string, string>> = {
  question: { block: "refused the question", redact: "redacted", mask: "masked", allow: "recorded it" },
  document: { withhold: "withheld the passage", allow: "recorded it" },
  answer: { block: "withheld the answer", flag: "flagged the answer", redact: "redacted", mask: "masked", allow: "recorded it" },
};

function CheckLine({
  check,
  kind,
  detectorNames,
  findingLabels,
}: {
  check: SandboxCheck;
  kind: SandboxKind;
  detectorNames: DetectorNames;
  findingLabels: Record<string, string>;
}) {
  const consequence = CONSEQUENCES[kind][check.action];
  const effect = check.shadow
    ? `in shadow mode: would have ${WOULD_HAVE[kind][check.action] ?? check.action}`
    : check.applied
      ? `${check.check} → ${check.action}${consequence ? ` (${consequence})` : ""}`
      : `${check.check} → allow (recorded only)`;
  return (
    <li className="rounded-lg border border-slate-200 px-3 py-2" data-testid="sandbox-check">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className={`size-2 rounded-full ${TONES[checkTone(check.check)].label}`} aria-hidden />
        <span className="font-medium text-slate-900">{checkLabel(check.stage, check.check, detectorNames)}</span>
        <span
          className={`ml-auto rounded-full px-2 py-0.5 text-xs font-medium ${check.shadow ? "bg-amber-100 text-amber-800" : check.applied ? "bg-indigo-100 text-indigo-800" : "bg-slate-100 text-slate-600"}`}
          data-testid="sandbox-effect"
        >
          {effect}
        </span>
      </div>
      <ul className="mt-1.5 flex flex-wrap gap-1.5 text-xs text-slate-600">
        {check.findings.map((f) => (
          <li
            key={`${f.start}-${f.end}-${f.type}`}
            className="rounded bg-slate-100 px-1.5 py-0.5"
            title={`${findingLabels[f.type] ?? f.type}, characters ${f.start}–${f.end}, confidence ${Math.round(f.confidence * 100)}%`}
          >
            <span className="font-semibold">{f.type}</span> “{f.text.length > 40 ? `${f.text.slice(0, 40)}…` : f.text}”{" "}
            <span className="text-slate-400">{Math.round(f.confidence * 100)}%</span>
          </li>
        ))}
      </ul>
    </li>
  );
}

function Block({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div>
      <h3 className="mb-1.5 text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</h3>
      {children}
    </div>
  );
}
