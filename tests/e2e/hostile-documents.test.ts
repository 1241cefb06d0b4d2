import { beforeAll, describe, expect, it } from "vitest";
import { signInOverHttp, url } from "@/tests/e2e/support/http";
import { watchHealth } from "@/tests/support/health-watch";

// Hostile documents against the built server (tests/e2e/global-setup.ts): files built to exhaust a
// parser, and a flood of tiny uploads. Each must end in a clear outcome on the document while
// /api/health keeps answering for everyone else.
let admin: string;

beforeAll(async () => {
  admin = await signInOverHttp("globex", "admin@globex.test");
});

type Listed = { documents: { id: string; fileName: string; status: string; error: string | null }[] };

async function documents(): Promise<Listed["documents"]> {
  return ((await (await fetch(url("/api/documents"), { headers: { cookie: admin } })).json()) as Listed).documents;
}

async function upload(files: [string, string][]): Promise<Response> {
  const form = new FormData();
  for (const [name, content] of files) form.append("file", new File([content], name));
  form.set("readers", JSON.stringify({ everyone: true }));
  return fetch(url("/api/documents"), { method: "POST", body: form, headers: { cookie: admin } });
}

/** Uploads one file and waits until indexing ended, returning the document as listed. */
async function uploadAndSettle(name: string, content: string) {
  const response = await upload([[name, content]]);
  expect(response.status).toBe(202);
  const { documents: queued } = (await response.json()) as { documents: { id: string }[] };
  const id = queued[0]!.id;
  await expect.poll(async () => (await documents()).find((d) => d.id === id)?.status, { timeout: 90_000, interval: 250 }).toMatch(/^(ready|failed)$/);
  return (await documents()).find((d) => d.id === id)!;
}

async function withHealthWatched<T>(work: () => Promise<T>): Promise<T> {
  const health = watchHealth(url(""));
  const result = await work();
  const report = await health.stop();
  console.log(`health during the test: ${JSON.stringify(report)}`);
  expect(report.probes).toBeGreaterThan(0);
  expect(report.failures).toBe(0);
  return result;
}

describe("hostile documents", () => {
  it("refuses a Markdown list nested hundreds of levels deep as too deeply nested", async () => {
    const list = Array.from({ length: 600 }, (_, level) => `${"  ".repeat(level)}- level ${level}`).join("\n");
    const document = await withHealthWatched(() => uploadAndSettle("nested-list.md", `# Nested\n\n${list}\n`));
    expect(document).toMatchObject({ status: "failed" });
    expect(document.error).toMatch(/too deeply nested/);
  });

  it("refuses Markdown quotes nested thousands of levels deep (Korean text) as too deeply nested", async () => {
    const quotes = `${">".repeat(5_000)} 깊이 중첩된 인용문입니다.`;
    const document = await withHealthWatched(() => uploadAndSettle("nested-quotes.md", `# 인용\n\n${quotes}\n`));
    expect(document).toMatchObject({ status: "failed" });
    expect(document.error).toMatch(/too deeply nested/);
  });

  it("refuses HTML nested eighty thousand elements deep (just under the upload limit) with a plain message, and the server parses the next file", async () => {
    const html = `<html><body>${"<div>".repeat(80_000)}deep text${"</div>".repeat(80_000)}</body></html>`;
    const document = await withHealthWatched(() => uploadAndSettle("nested.html", html));
    expect(document).toMatchObject({ status: "failed" });
    expect(document.error).toMatch(/too deeply nested|too large to parse/);
    expect(document.error).not.toMatch(/RangeError|stack|at \w+ \(/);
    const next = await uploadAndSettle(
      "after-nested.html",
      "<html><body><h1>After</h1><p>The server still parses files after a hostile one.</p></body></html>",
    );
    expect(next).toMatchObject({ status: "ready", error: null });
  });

  it("refuses a JSON upload as an unsupported type, and indexes deeply nested JSON-like text as plain text", async () => {
    const nested = `${"[".repeat(100_000)}"deep"${"]".repeat(100_000)}`;
    const refused = await upload([["nested.json", nested]]);
    expect(refused.status).toBe(415);
    expect(((await refused.json()) as { message: string }).message).toMatch(/not a supported file type/);
    const document = await withHealthWatched(() => uploadAndSettle("nested-json.txt", `Nested brackets follow.\n${nested}\n`));
    expect(document.status).toMatch(/^(ready|failed)$/);
    if (document.status === "failed") expect(document.error).toMatch(/^"nested-json\.txt" /);
  });

  it("indexes a flood of tiny uploads, every one of them, while health keeps answering", async () => {
    const batches = 20;
    const perBatch = 10;
    const ids = await withHealthWatched(async () => {
      const uploaded: string[] = [];
      for (let batch = 0; batch < batches; batch++) {
        const files = Array.from({ length: perBatch }, (_, i): [string, string] => [
          `tiny-${batch}-${i}.md`,
          `# Tiny ${batch}-${i}\n\nTiny note number ${batch * perBatch + i} about item ${batch}-${i}.`,
        ]);
        const response = await upload(files);
        expect(response.status).toBe(202);
        uploaded.push(...((await response.json()) as { documents: { id: string }[] }).documents.map((d) => d.id));
      }
      await expect
        .poll(
          async () => {
            const listed = await documents();
            return uploaded.filter((id) => listed.find((d) => d.id === id)?.status !== "ready").length;
          },
          { timeout: 300_000, interval: 1_000 },
        )
        .toBe(0);
      return uploaded;
    });
    expect(ids).toHaveLength(batches * perBatch);
  });
});
