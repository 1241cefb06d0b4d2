import { describe, expect, it } from "vitest";
import { eucKr, utf8 } from "@/tests/support/make-documents";
import { parseUpload, rejection } from "./parse-upload";

describe("HTML", () => {
  it("reads headings, paragraphs, lists, tables and code, and drops scripts, styles and navigation", async () => {
    const html = `<!doctype html><html><head><title>Site &amp; page</title><style>p { color: red }</style></head>
      <body>
        <nav><a href="/">Home</a> <a href="/hr">HR</a></nav>
        <main>
          <h1>휴가 정책 Leave policy</h1>
          <p>연차는 <b>15일</b>입니다.<br>Annual leave is 15&nbsp;days.</p>
          <ul><li>첫째 First<ul><li>nested item</li></ul></li><li><p>둘째 Second</p></li></ul>
          <h2>표 Table</h2>
          <table><thead><tr><th>구분</th><th>일수</th></tr></thead>
            <tbody><tr><td>연차</td><td>15</td></tr><tr><td>병가</td><td><p>10</p><p>(유급)</p></td></tr></tbody></table>
          <pre><code>if (days &lt; 15) {
  approve();
}</code></pre>
          <script>document.write("<p>injected</p>")</script>
        </main>
        <footer role="contentinfo">© Company</footer>
      </body></html>`;
    const parsed = await parseUpload("policy.html", utf8(html));
    expect(parsed.title).toBe("휴가 정책 Leave policy");
    expect(parsed.blocks).toEqual([
      { kind: "heading", level: 1, text: "휴가 정책 Leave policy" },
      { kind: "paragraph", text: "연차는 15일입니다.\nAnnual leave is 15 days." },
      { kind: "list-item", text: "첫째 First" },
      { kind: "list-item", text: "nested item" },
      { kind: "list-item", text: "둘째 Second" },
      { kind: "heading", level: 2, text: "표 Table" },
      { kind: "table-row", text: "구분: 연차 | 일수: 15" },
      { kind: "table-row", text: "구분: 병가 | 일수: 10 (유급)" },
      { kind: "code", text: "if (days < 15) {\n  approve();\n}" },
    ]);
  });

  it("reads a page without <main>, titled by its <title> when it has no <h1>", async () => {
    const parsed = await parseUpload(
      "page.html",
      utf8("<html><head><title>Leave &amp; pay</title></head><body><div>Intro <i>text</i><p>Para</p>tail</div></body></html>"),
    );
    expect(parsed.title).toBe("Leave & pay");
    expect(parsed.blocks).toEqual([
      { kind: "paragraph", text: "Intro text" },
      { kind: "paragraph", text: "Para" },
      { kind: "paragraph", text: "tail" },
    ]);
  });

  it("reads a fragment of inline text", async () => {
    expect((await parseUpload("f.html", utf8("Hello <b>world</b> &amp; 안녕"))).blocks).toEqual([{ kind: "paragraph", text: "Hello world & 안녕" }]);
  });

  it("takes a table's first row as its header when no cell is marked as one", async () => {
    const parsed = await parseUpload("t.htm", utf8("<table><tr><td>Name</td><td>Days</td></tr><tr><td>Kim</td><td>3</td></tr></table>"));
    expect(parsed.blocks).toEqual([{ kind: "table-row", text: "Name: Kim | Days: 3" }]);
  });
});

describe("CSV", () => {
  it("turns each row into 'column: value' pairs, with the BOM stripped", async () => {
    const parsed = await parseUpload("leave.csv", utf8('\uFEFF이름,일수,비고\n김철수,15,"재택, 유연근무"\nJane,12,\n\n'));
    expect(parsed.blocks).toEqual([
      { kind: "table-row", text: "이름: 김철수 | 일수: 15 | 비고: 재택, 유연근무" },
      { kind: "table-row", text: "이름: Jane | 일수: 12" },
    ]);
  });

  it("decodes EUC-KR (CP949) files saved by older Windows tools", async () => {
    const parsed = await parseUpload("old.csv", eucKr("name,memo\n1,안녕하세요 한글 문서\n"));
    expect(parsed.blocks).toEqual([{ kind: "table-row", text: "name: 1 | memo: 안녕하세요 한글 문서" }]);
  });

  it("refuses a CSV whose quoted field is never closed", async () => {
    const error = await rejection(parseUpload("bad.csv", utf8('a,b\n1,"open\n2,3\n')));
    expect(error.type).toBe("unprocessable");
    expect(error.message).toBe('"bad.csv" is not valid CSV: a quoted field in row 2 is never closed.');
  });
});

describe("Markdown and plain text", () => {
  it("reads Markdown structure", async () => {
    const parsed = await parseUpload("guide.md", utf8("# 안내 Guide\n\n본문 *text*.\n\n- 하나\n- two\n"));
    expect(parsed.blocks).toEqual([
      { kind: "heading", level: 1, text: "안내 Guide" },
      { kind: "paragraph", text: "본문 text." },
      { kind: "list-item", text: "하나" },
      { kind: "list-item", text: "two" },
    ]);
  });

  it("reads HTML inside Markdown as HTML, without its scripts", async () => {
    const parsed = await parseUpload(
      "mixed.md",
      utf8("# Doc\n\n<table><tr><th>Name</th><th>Days</th></tr><tr><td>Kim</td><td>3</td></tr></table>\n\n<script>alert(1)</script>\n"),
    );
    expect(parsed.blocks).toEqual([
      { kind: "heading", level: 1, text: "Doc" },
      { kind: "table-row", text: "Name: Kim | Days: 3" },
    ]);
  });

  it("reads UTF-8, EUC-KR and UTF-16 text, and composes decomposed Hangul", async () => {
    expect((await parseUpload("a.txt", utf8("첫 문단\n이어짐\n\nSecond paragraph"))).blocks).toEqual([
      { kind: "paragraph", text: "첫 문단 이어짐" },
      { kind: "paragraph", text: "Second paragraph" },
    ]);
    expect((await parseUpload("b.txt", eucKr("안녕하세요 hello"))).blocks).toEqual([{ kind: "paragraph", text: "안녕하세요 hello" }]);
    const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(new Uint16Array([..."한글 OK"].map((c) => c.charCodeAt(0))).buffer)]);
    expect((await parseUpload("c.txt", utf16)).blocks).toEqual([{ kind: "paragraph", text: "한글 OK" }]);
    expect((await parseUpload("d.txt", utf8("한글".normalize("NFD")))).blocks).toEqual([{ kind: "paragraph", text: "한글" }]);
  });

  it("keeps UTF-8 that is cut mid-character as UTF-8 rather than misreading all of it as EUC-KR", async () => {
    const bytes = utf8("연차 휴가 규정입니다");
    const parsed = await parseUpload("cut.txt", bytes.subarray(0, bytes.byteLength - 1));
    expect(parsed.blocks[0]?.text).toMatch(/^연차 휴가 규정입니/);
  });
});
