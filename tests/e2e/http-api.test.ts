import { encode } from "next-auth/jwt";
import { beforeAll, describe, expect, it } from "vitest";
import { E2E_AUTH_SECRET, E2E_MAX_UPLOAD_BYTES } from "@/tests/e2e/global-setup";
import { chatBody, signInOverHttp, url } from "@/tests/e2e/support/http";
import { readUiStream, streamedText } from "@/tests/support/ui-stream";

let employee: string;
let admin: string;
let auditor: string;
let otherTenantEmployee: string;

beforeAll(async () => {
  [employee, admin, auditor, otherTenantEmployee] = await Promise.all([
    signInOverHttp("acme", "alice@acme.test"),
    signInOverHttp("acme", "admin@acme.test"),
    signInOverHttp("acme", "auditor@acme.test"),
    signInOverHttp("globex", "sam@globex.test"),
  ]);
});

const json = { "content-type": "application/json" };
const recordCount = async () => ((await (await fetch(url("/api/audit/records?limit=500"), { headers: { cookie: auditor } })).json()) as { records: unknown[] }).records.length;

function upload(cookie: string, name: string, content: Uint8Array<ArrayBuffer> | string, readers: unknown = { everyone: true }) {
  const form = new FormData();
  form.set("file", new File([content], name));
  form.set("readers", JSON.stringify(readers));
  return fetch(url("/api/documents"), { method: "POST", body: form, headers: { cookie } });
}

describe("the HTTP API's contract", () => {
  it("reports database health", async () => {
    const response = await fetch(url("/api/health"));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", database: { ok: true, kind: "pglite" } });
  });

  it("answers 401 without a session", async () => {
    for (const [method, path] of [["POST", "/api/chat"], ["GET", "/api/documents"], ["POST", "/api/documents"], ["GET", "/api/audit/records"], ["POST", "/api/feedback"]] as const) {
      const response = await fetch(url(path), { method, headers: json, body: method === "POST" ? "{}" : undefined });
      expect(response.status, `${method} ${path}`).toBe(401);
      expect(((await response.json()) as { code: string }).code).toMatch(/^unauthorized:/);
    }
  });

  it("answers 401 to an expired session", async () => {
    const expired = await encode({
      token: { uid: "00000000-0000-4000-8000-000000000000", tid: "00000000-0000-4000-8000-000000000000", name: "x", email: "x@acme.test" },
      secret: E2E_AUTH_SECRET,
      salt: "authjs.session-token",
      maxAge: -60,
    });
    const response = await fetch(url("/api/chat"), { method: "POST", headers: { ...json, cookie: `authjs.session-token=${expired}` }, body: chatBody("hello") });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { message: string }).message).toMatch(/session has expired/);
  });

  it("answers 403 to the wrong role", async () => {
    expect((await fetch(url("/api/audit/records"), { headers: { cookie: employee } })).status).toBe(403);
    expect((await upload(employee, "notes.md", "# Notes\n\nhello")).status).toBe(403);
    expect((await fetch(url("/api/audit/records"), { headers: { cookie: admin } })).status).toBe(403);
  });

  it("refuses an empty question with a clear message and writes no record", async () => {
    const before = await recordCount();
    const response = await fetch(url("/api/chat"), { method: "POST", headers: { ...json, cookie: employee }, body: chatBody("   ") });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: "bad_request:chat", message: "Please type a question before sending." });
    const malformed = await fetch(url("/api/chat"), { method: "POST", headers: { ...json, cookie: employee }, body: "{not json" });
    expect(malformed.status).toBe(400);
    expect(await recordCount()).toBe(before);
  });

  it("streams an answer over HTTP and writes exactly one record for it", async () => {
    const before = await recordCount();
    const response = await fetch(url("/api/chat"), { method: "POST", headers: { ...json, cookie: employee }, body: chatBody("When must expense claims be submitted?") });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const text = streamedText(await readUiStream(response));
    expect(text).toContain("30 days");
    await expect.poll(recordCount).toBe(before + 1);
  });

  it("refuses uploads that are too large, of an unsupported type, empty, or lying about their type", async () => {
    const tooLarge = await upload(admin, "big.txt", "a".repeat(E2E_MAX_UPLOAD_BYTES + 1000));
    expect(tooLarge.status).toBe(413);
    expect(((await tooLarge.json()) as { message: string }).message).toMatch(/limit is 1\.0 MB/);
    const unsupported = await upload(admin, "tool.exe", "MZ binary");
    expect(unsupported.status).toBe(415);
    expect(((await unsupported.json()) as { message: string }).message).toMatch(/not a supported file type/);
    const empty = await upload(admin, "empty.md", "");
    expect(empty.status).toBe(422);
    expect(((await empty.json()) as { message: string }).message).toMatch(/empty/);
    const lying = await upload(admin, "report.txt", new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a, 0x00, 0x01, 0x02]));
    expect(lying.status).toBe(415);
    const badReaders = await upload(admin, "notes.md", "# Notes\n\nhello", { everyone: false, groupIds: ["00000000-0000-4000-8000-000000000000"], userIds: [] });
    expect(badReaders.status).toBe(400);
    expect(((await badReaders.json()) as { message: string }).message).toMatch(/not groups or people of this workspace/);
    // and the server is still fine
    expect((await fetch(url("/api/health"))).status).toBe(200);
  });

  it("never shows a passage across tenants or around the ACL", async () => {
    const bob = await signInOverHttp("acme", "bob@acme.test");
    const answer = await fetch(url("/api/chat"), { method: "POST", headers: { ...json, cookie: bob }, body: chatBody("What commission do account executives earn?") });
    const chunks = await readUiStream(answer);
    const citations = chunks.find((c) => c.type === "data-citations")?.data as { chunkId: string; documentTitle: string }[];
    const restricted = citations.find((c) => c.documentTitle === "Sales Compensation Plan 2026");
    expect(restricted).toBeDefined();
    const passage = (cookie: string) => fetch(url(`/api/chunks/${restricted!.chunkId}`), { headers: { cookie } });
    expect((await passage(bob)).status).toBe(200);
    expect((await passage(employee)).status).toBe(404);
    expect((await passage(otherTenantEmployee)).status).toBe(404);
    expect((await fetch(url("/api/chunks/not-a-uuid"), { headers: { cookie: bob } })).status).toBe(404);
  });
});
