"use client";

import { useTranslations } from "next-intl";
import type { ComponentProps } from "react";
import { Markdown, SafeLink } from "@/components/ui/markdown";
import type { Citation } from "@/lib/chat/messages";

/**
 * An answer as Markdown (through the one sanitising renderer), with each citation marker [n] turned
 * into a button that opens passage n.
 */
export function AnswerText({
  text,
  citations,
  onOpenCitation,
}: {
  text: string;
  citations: Citation[];
  onOpenCitation: (c: Citation, opener: HTMLElement) => void;
}) {
  const t = useTranslations("answer");
  const linked = text.replace(/\[(\d{1,2})\](?!\()/g, (marker, n: string) => (citations.some((c) => c.n === Number(n)) ? `[${marker}](#cite-${n})` : marker));
  const link = (props: ComponentProps<"a"> & { node?: unknown }) => {
    const n = props.href?.startsWith("#cite-") ? Number(props.href.slice("#cite-".length)) : null;
    const citation = n === null ? undefined : citations.find((c) => c.n === n);
    if (!citation) return <SafeLink {...props} />;
    return (
      <button
        type="button"
        data-testid="citation"
        onClick={(e) => onOpenCitation(citation, e.currentTarget)}
        className="citation-marker"
        aria-label={t("openSource", { n: citation.n, title: citation.documentTitle })}
      >
        [{citation.n}]
      </button>
    );
  };
  return <Markdown text={linked} link={link} />;
}
