"use client";

import ReactMarkdown from "react-markdown";
import remarkGfm from "remark-gfm";
import type { Citation } from "@/lib/chat/messages";

/**
 * An answer as Markdown, with each citation marker [n] turned into a button that opens passage n.
 * Raw HTML in the text is not rendered (react-markdown's default), so an answer cannot inject markup.
 */
export function AnswerText({ text, citations, onOpenCitation }: { text: string; citations: Citation[]; onOpenCitation: (c: Citation) => void }) {
  const linked = text.replace(/\[(\d{1,2})\](?!\()/g, (marker, n: string) => (citations.some((c) => c.n === Number(n)) ? `[${marker}](#cite-${n})` : marker));
  return (
    <div className="prose-answer space-y-3 leading-relaxed [&_blockquote]:border-l-4 [&_blockquote]:border-indigo-200 [&_blockquote]:pl-3 [&_blockquote]:text-slate-700 [&_ol]:list-decimal [&_ol]:pl-6 [&_ul]:list-disc [&_ul]:pl-6">
      <ReactMarkdown
        remarkPlugins={[remarkGfm]}
        components={{
          a: ({ href, children }) => {
            const n = href?.startsWith("#cite-") ? Number(href.slice("#cite-".length)) : null;
            const citation = n === null ? undefined : citations.find((c) => c.n === n);
            if (!citation) return <span>{children}</span>;
            return (
              <button
                type="button"
                data-testid="citation"
                onClick={() => onOpenCitation(citation)}
                className="mx-0.5 rounded bg-indigo-50 px-1 text-sm font-medium text-indigo-700 hover:bg-indigo-100"
                aria-label={`Open source ${citation.n}: ${citation.documentTitle}`}
              >
                [{citation.n}]
              </button>
            );
          },
        }}
      >
        {linked}
      </ReactMarkdown>
    </div>
  );
}
