import { beforeAll, describe, expect, it } from "vitest";
import { chatBody, signInOverHttp, url } from "@/tests/e2e/support/http";
import { readUiStream, streamedText } from "@/tests/support/ui-stream";

// What every route in app/api does at the door (lib/http.ts), over real HTTP against the built app.

let alice: string;
let acmeAdmin: string;
let sam: string;

beforeAll(async () => {
  [alice, acmeAdmin, sam] = await Promise.all([
    signInOverHttp("acme", "alice@acme.test"),
    signInOverHttp("acme", "admin@acme.test"),
    signInOverHttp("globex", "sam@globex.test"),
  ]);
});

const json = { "content-type": "application/json" };
type ErrorBody = { code: string; message: string; requestId: string };

function post(path: string, cookie: string, body: BodyInit, headers: Record<string, string> = json, init: RequestInit = {}) {
  return fetch(url(path), { method: "POST", headers: { ...headers, cookie }, body, ...init });
}

/** A body sent in chunks with no Content-Length, so only counting while reading can bound it. */
function chunkedBody(totalBytes: number, chunk = "x".repeat(16 * 1024)): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(chunk);
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= totalBytes) return controller.close();
      controller.enqueue(bytes);
      sent += bytes.byteLength;
    },
  });
}

describe("the HTTP boundary", () => {
  it("names every request: X-Request-Id on answers and errors, the caller's own id kept when it is a plain token", async () => {
    const health = await fetch(url("/api/health"));
    expect(health.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const named = await fetch(url("/api/health"), { headers: { "x-request-id": "probe-42" } });
    expect(named.headers.get("x-request-id")).toBe("probe-42");
    const hostile = await fetch(url("/api/health"), { headers: { "x-request-id": 'a b"c' } });
    expect(hostile.headers.get("x-request-id")).not.toBe('a b"c');
    const refused = await fetch(url("/api/documents"), { headers: { cookie: alice } });
    expect(refused.status).toBe(403);
    const body = (await refused.json()) as ErrorBody;
    expect(body).toMatchObject({ code: "forbidden:documents", requestId: refused.headers.get("x-request-id") });
  });

  it("refuses a body over the endpoint's limit with 413, whether it declares its size or not", async () => {
    const declared = await post("/api/chat", alice, JSON.stringify({ padding: "x".repeat(200 * 1024) }));
    expect(declared.status).toBe(413);
    expect((await declared.json()) as ErrorBody).toMatchObject({
      code: "payload_too_large:chat",
      message: "The request body is 200.0 KB; the limit is 64 KB.",
    });

    const chunked = await post("/api/chat", alice, chunkedBody(10 * 1024 * 1024), json, { duplex: "half" } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(((await chunked.json()) as ErrorBody).message).toBe("The request body is larger than the limit of 64 KB.");

    const feedback = await post("/api/feedback", alice, JSON.stringify({ decisionId: crypto.randomUUID(), rating: "up", comment: "é".repeat(20_000) }));
    expect(feedback.status).toBe(413);
    expect((await fetch(url("/api/health"))).status).toBe(200);
  });

  it("takes JSON only as application/json, and uploads only as multipart/form-data (415)", async () => {
    const plain = await post("/api/chat", alice, chatBody("hello"), { "content-type": "text/plain" });
    expect(plain.status).toBe(415);
    expect((await plain.json()) as ErrorBody).toMatchObject({
      code: "unsupported_media_type:chat",
      message: "Send the request body as application/json (not text/plain).",
    });
    const form = new URLSearchParams({ rules: "{}", reason: "x" });
    expect((await post("/api/policies", acmeAdmin, form, {})).status).toBe(415);
    const jsonUpload = await post("/api/documents", acmeAdmin, JSON.stringify({ file: "x" }));
    expect(jsonUpload.status).toBe(415);
    expect(((await jsonUpload.json()) as ErrorBody).message).toBe("Send the request body as multipart/form-data (not application/json).");
  });

  it("refuses malformed, non-UTF-8 and deeply nested JSON with a clear 400", async () => {
    const cases: [BodyInit, string][] = [
      ["{not json", "The request body is not valid JSON."],
      [new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), "The request body is not valid UTF-8 text."],
      ["[".repeat(5_000) + "]".repeat(5_000), "The request body is nested too deeply (more than 32 levels)."],
      [`{"id":${'{"a":'.repeat(40)}1${"}".repeat(40)}}`, "The request body is nested too deeply (more than 32 levels)."],
    ];
    for (const [body, message] of cases) {
      const response = await post("/api/chat", alice, body);
      expect(response.status).toBe(400);
      expect((await response.json()) as ErrorBody).toMatchObject({ code: "bad_request:chat", message });
    }
    // Brackets inside strings are text, not nesting.
    const bracketsInText = await post("/api/chat", alice, chatBody(`${"[".repeat(100)} When must expense claims be submitted?`));
    expect(bracketsInText.status).toBe(200);
    await bracketsInText.text();
  });

  it("answers a question with NUL characters and lone surrogates, which are removed or replaced before anything stores them", async () => {
    for (const question of ["When must expense claims\u0000 be submitted?", "경비 청구는 언제까지\ud800 제출해야 하나요?"]) {
      const response = await post("/api/chat", alice, chatBody(question));
      expect(response.status).toBe(200);
      const chunks = await readUiStream(response);
      expect(chunks.some((c) => c.type === "error")).toBe(false);
      expect(streamedText(chunks).length).toBeGreaterThan(0);
    }
  });

  it("keeps a policy reason with NUL characters and lone surrogates, cleaned", async () => {
    const admin = await signInOverHttp("globex", "admin@globex.test");
    const current = (await (await fetch(url("/api/policies"), { headers: { cookie: admin } })).json()) as {
      active: { version: number | null; rules: unknown };
    };
    const saved = await post("/api/policies", admin, JSON.stringify({ rules: current.active.rules, reason: "Same rules\u0000, checked \udc00again" }));
    expect(saved.status).toBe(201);
    const { version } = (await saved.json()) as { version: number };
    try {
      const listing = (await (await fetch(url("/api/policies"), { headers: { cookie: admin } })).json()) as { versions: { version: number; reason: string }[] };
      expect(listing.versions.find((v) => v.version === version)?.reason).toBe("Same rules, checked \ufffdagain");
    } finally {
      if (current.active.version !== null) expect((await post(`/api/policies/${current.active.version}/activate`, admin, "", {})).status).toBe(200);
    }
  });

  it("answers 404 to ids and versions that name nothing of the caller's, never 500", async () => {
    for (const path of [
      "/api/documents/not-a-uuid/cancel",
      "/api/documents/00000000-0000-4000-8000-000000000000/reindex",
      "/api/policies/0/activate",
      "/api/policies/2147483648/activate",
      "/api/policies/1e3/activate",
      "/api/policies/99999999999999999999/activate",
    ]) {
      const response = await post(path, acmeAdmin, "", {});
      expect(response.status, path).toBe(404);
      expect(((await response.json()) as ErrorBody).code, path).toMatch(/^not_found:/);
    }
    const huge = await fetch(url("/api/audit/records?limit=99999999999"), { headers: { cookie: await signInOverHttp("acme", "auditor@acme.test") } });
    expect(huge.status).toBe(400);
    expect(((await huge.json()) as ErrorBody).message).toBe(`"limit" must be a whole number from 1 to 500.`);
  });

  it("answers 404 to another workspace's conversation and message ids, and does not let them in", async () => {
    const conversationId = crypto.randomUUID();
    const messageId = crypto.randomUUID();
    const theirs = (message = messageId, conversation = conversationId) =>
      JSON.stringify({ id: conversation, message: { id: message, role: "user", parts: [{ type: "text", text: "What is the daily meal allowance abroad?" }] } });
    const asked = await post("/api/chat", sam, theirs());
    expect(asked.status).toBe(200);
    await asked.text();

    const sameConversation = await post("/api/chat", alice, theirs(crypto.randomUUID()));
    expect(sameConversation.status).toBe(404);
    expect(((await sameConversation.json()) as ErrorBody).code).toBe("not_found:chat");
    const sameMessage = await post("/api/chat", alice, theirs(messageId, crypto.randomUUID()));
    expect(sameMessage.status).toBe(404);
    expect(((await sameMessage.json()) as ErrorBody).code).toBe("not_found:chat");
    expect((await fetch(url(`/c/${conversationId}`), { headers: { cookie: alice }, redirect: "manual" })).status).toBe(404);
  });
});
