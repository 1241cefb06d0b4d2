"use client";

import { Check, Copy } from "lucide-react";
import { useTranslations } from "next-intl";
import { useCallback, useMemo, useRef, useState, type ComponentProps, type ReactNode } from "react";
import ReactMarkdown, { type Components } from "react-markdown";
import rehypeHighlight from "rehype-highlight";
import rehypeSanitize from "rehype-sanitize";
import remarkGfm from "remark-gfm";
import { markdownSchema, remoteImagesAsLinks } from "@/components/ui/markdown-policy";

type Props = {
  text: string;
  /** Replaces how links are drawn (e.g. citation markers); `SafeLink` is the default. */
  link?: (props: ComponentProps<"a">) => ReactNode;
};

/**
 * The one way Markdown from models and documents reaches the page: GitHub-flavoured (tables, task
 * lists, strikethrough); images turned into links; then sanitised with an allow-list (raw HTML is
 * dropped, as are scripts, styles, event handlers and links other than http, https and mailto);
 * only then is code highlighted (the highlighter's spans come after the sanitiser, from our code).
 */
export function Markdown({ text, link }: Props) {
  const t = useTranslations("markdown");
  // Components keep their identity across renders (a new function would be a new component type,
  // re-mounting every link and code block, and losing the element a focus should return to).
  const linkRef = useRef(link);
  linkRef.current = link;
  const tableLabel = t("table");
  const components = useMemo<Components>(
    () => ({
      a: (props) => (linkRef.current ?? SafeLink)(props),
      pre: (props) => <CodeBlock {...props} />,
      table: ({ node: _node, ...props }) => (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a table wider than the column scrolls, and a scrolling region must take keyboard focus to be scrolled without a mouse
        <section className="markdown-table" aria-label={tableLabel} tabIndex={0}>
          <table {...props} />
        </section>
      ),
    }),
    [tableLabel],
  );
  // The text of the link that stands for an image: nothing is fetched until the reader opens it.
  const imageLabel = useCallback((alt: string, host: string) => `${t("image")}${alt ? `: ${alt}` : ""}${host ? ` (${host})` : ""}`, [t]);
  return (
    <div className="markdown">
      <ReactMarkdown
        remarkPlugins={[remarkGfm]}
        rehypePlugins={[
          [remoteImagesAsLinks, { label: imageLabel }],
          [rehypeSanitize, markdownSchema],
          [rehypeHighlight, { detect: false }],
        ]}
        components={components}
      >
        {text}
      </ReactMarkdown>
    </div>
  );
}

/** A link out of the app: opened in a new tab, telling the other site nothing about where it came from. */
export function SafeLink({ node: _node, href, children, ...props }: ComponentProps<"a"> & { node?: unknown }) {
  if (!href) return <span>{children}</span>;
  const external = /^(https?:|mailto:)/i.test(href);
  return (
    <a {...props} href={href} {...(external ? { target: "_blank", rel: "noopener noreferrer nofollow" } : {})}>
      {children}
    </a>
  );
}

function CodeBlock({ node: _node, children, ...props }: ComponentProps<"pre"> & { node?: unknown }) {
  const t = useTranslations("markdown");
  const ref = useRef<HTMLPreElement>(null);
  const [copied, setCopied] = useState(false);
  async function copy() {
    // the code as written: a fenced block's text ends in the newline before its closing fence
    await navigator.clipboard.writeText((ref.current?.innerText ?? "").replace(/\n$/, ""));
    setCopied(true);
    setTimeout(() => setCopied(false), 2000);
  }
  return (
    <div className="markdown-code group relative">
      <button type="button" onClick={copy} className="markdown-copy" aria-label={copied ? t("copied") : t("copyCode")} data-testid="copy-code">
        {copied ? <Check size={14} aria-hidden /> : <Copy size={14} aria-hidden />}
        <span aria-hidden>{copied ? t("copied") : t("copyCode")}</span>
      </button>
      <pre ref={ref} {...props}>
        {children}
      </pre>
    </div>
  );
}
