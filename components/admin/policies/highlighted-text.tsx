import { Fragment } from "react";
import { checkTone } from "@/components/admin/policies/labels";
import type { HighlightSpan, SandboxResult } from "@/lib/guardrails/sandbox";

/** Colours per kind of check: a light fill for marks, a strong one for labels and dots. */
export const TONES = {
  pii: { mark: "bg-amber-100 ring-amber-300", label: "bg-amber-500" },
  injection: { mark: "bg-red-100 ring-red-300", label: "bg-red-600" },
  toxicity: { mark: "bg-fuchsia-100 ring-fuchsia-300", label: "bg-fuchsia-600" },
  topic: { mark: "bg-violet-100 ring-violet-300", label: "bg-violet-600" },
  grounding: { mark: "bg-sky-100 ring-sky-300", label: "bg-sky-600" },
} as const;

type Piece = { start: number; end: number; mark: HighlightSpan | undefined; sentence: HighlightSpan | undefined };

/**
 * The pasted text with each finding marked in its check's colour and labelled with its type;
 * sentences judged unsupported are underlined, with any marks inside them kept.
 */
export function HighlightedText({
  text,
  highlights,
  findingLabels,
}: {
  text: string;
  highlights: SandboxResult["highlights"];
  findingLabels: Record<string, string>;
}) {
  const groups: Piece[][] = [];
  for (const piece of piecesOf(text.length, highlights)) {
    const last = groups[groups.length - 1];
    if (last && piece.mark && last[0]!.mark === piece.mark) last.push(piece);
    else groups.push([piece]);
  }
  const underline = (piece: Piece) =>
    piece.sentence ? (
      <span
        key={piece.start}
        className="underline decoration-sky-500 decoration-wavy decoration-1 underline-offset-4"
        title={findingLabels[piece.sentence.type] ?? piece.sentence.type}
      >
        {text.slice(piece.start, piece.end)}
      </span>
    ) : (
      text.slice(piece.start, piece.end)
    );
  return (
    <p className="whitespace-pre-wrap break-words text-sm leading-7" data-testid="sandbox-highlighted">
      {groups.map((group) => {
        const mark = group[0]!.mark;
        if (!mark) return <Fragment key={group[0]!.start}>{group.map(underline)}</Fragment>;
        const tone = TONES[checkTone(mark.check)];
        return (
          <mark
            key={mark.start}
            className={`rounded px-0.5 text-slate-900 ring-1 ${tone.mark}`}
            title={findingLabels[mark.type] ?? mark.type}
            data-type={mark.type}
          >
            {group.map(underline)}
            <span className={`ml-1 rounded px-1 align-middle text-[10px] font-semibold uppercase tracking-wide text-white ${tone.label}`}>{mark.type}</span>
          </mark>
        );
      })}
    </p>
  );
}

/** The text cut at every mark and sentence boundary, each piece knowing what covers it. */
function piecesOf(length: number, { marks, sentences }: SandboxResult["highlights"]): Piece[] {
  const cuts = [...new Set([0, length, ...[...marks, ...sentences].flatMap((s) => [s.start, s.end])])].sort((a, b) => a - b);
  const covering = (spans: HighlightSpan[], start: number, end: number) => spans.find((s) => s.start <= start && end <= s.end);
  return cuts.slice(0, -1).map((start, i) => {
    const end = cuts[i + 1]!;
    return { start, end, mark: covering(marks, start, end), sentence: covering(sentences, start, end) };
  });
}
