import { encode } from "next-auth/jwt";
import { beforeAll, describe, expect, it } from "vitest";
import type { PolicyRules } from "@/lib/guardrails/policy";
import { E2E_AUTH_SECRET, E2E_MAX_UPLOAD_BYTES } from "@/tests/e2e/global-setup";
import { chatBody, signInOverHttp, url } from "@/tests/e2e/support/http";
import { awayFromMinuteBoundary } from "@/tests/support/clock";
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
const recordCount = async () =>
  ((await (await fetch(url("/api/audit/records?limit=500"), { headers: { cookie: auditor } })).json()) as { records: unknown[] }).records.length;

function upload(cookie: string, name: string, content: Uint8Array<ArrayBuffer> | string, readers: unknown = { everyone: true }) {
  return uploadFiles(cookie, [[name, content]], readers);
}

function uploadFiles(cookie: string, files: [string, Uint8Array<ArrayBuffer> | string][], readers: unknown = { everyone: true }, path = "/api/documents") {
  const form = new FormData();
  for (const [name, content] of files) form.append("file", new File([content], name));
  form.set("readers", JSON.stringify(readers));
  return fetch(url(path), { method: "POST", body: form, headers: { cookie } });
}

type Listed = { documents: { id: string; fileName: string; status: string; chunkCount: number; error: string | null }[] };
const listed = async (cookie: string) => ((await (await fetch(url("/api/documents"), { headers: { cookie } })).json()) as Listed).documents;
async function whenIndexed(cookie: string, id: string) {
  await expect.poll(async () => (await listed(cookie)).find((d) => d.id === id)?.status, { timeout: 30_000 }).toMatch(/^(ready|failed)$/);
  return (await listed(cookie)).find((d) => d.id === id)!;
}

describe("the HTTP API's contract", () => {
  it("reports database health", async () => {
    const response = await fetch(url("/api/health"));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", database: { ok: true, kind: "pglite" } });
  });

  it("answers 401 without a session", async () => {
    for (const [method, path] of [
      ["POST", "/api/chat"],
      ["GET", "/api/documents"],
      ["POST", "/api/documents"],
      ["GET", "/api/audit/records"],
      ["POST", "/api/feedback"],
    ] as const) {
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
    const response = await fetch(url("/api/chat"), {
      method: "POST",
      headers: { ...json, cookie: `authjs.session-token=${expired}` },
      body: chatBody("hello"),
    });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { message: string }).message).toMatch(/session has expired/);
  });

  it("answers 403 to the wrong role", async () => {
    expect((await fetch(url("/api/audit/records"), { headers: { cookie: employee } })).status).toBe(403);
    expect((await upload(employee, "notes.md", "# Notes\n\nhello")).status).toBe(403);
    expect((await upload(auditor, "notes.md", "# Notes\n\nhello")).status).toBe(403);
    // Admins read the decision log beside auditors (issue 9); neither may change it.
    expect((await fetch(url("/api/audit/records"), { headers: { cookie: admin } })).status).toBe(200);
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
    const response = await fetch(url("/api/chat"), {
      method: "POST",
      headers: { ...json, cookie: employee },
      body: chatBody("When must expense claims be submitted?"),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const text = streamedText(await readUiStream(response));
    expect(text).toContain("30 days");
    await expect.poll(recordCount).toBe(before + 1);
    // The record names the request, so an auditor can find its log lines.
    const requestId = response.headers.get("x-request-id");
    const { records } = (await (await fetch(url("/api/audit/records?limit=50"), { headers: { cookie: auditor } })).json()) as {
      records: { question: string; requestId: string | null }[];
    };
    expect(records.find((r) => r.question === "When must expense claims be submitted?")?.requestId).toBe(requestId);
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
    const badReaders = await upload(admin, "notes.md", "# Notes\n\nhello", {
      everyone: false,
      groupIds: ["00000000-0000-4000-8000-000000000000"],
      userIds: [],
    });
    expect(badReaders.status).toBe(400);
    expect(((await badReaders.json()) as { message: string }).message).toMatch(/not groups or people of this workspace/);
    // and the server is still fine
    expect((await fetch(url("/api/health"))).status).toBe(200);
  });

  it("queues uploads with 202 at once and indexes them in the background; the same bytes again add nothing", async () => {
    const response = await uploadFiles(admin, [
      ["orbit-notes.md", "# Orbit notes\n\nThe orbit review meets every second Tuesday."],
      ["orbit-faq.txt", "The orbit budget is approved by the finance committee."],
    ]);
    expect(response.status).toBe(202);
    const { documents } = (await response.json()) as { documents: { id: string; status: string }[] };
    expect(documents.map((d) => d.status)).toEqual(["queued", "queued"]);
    for (const { id } of documents) expect(await whenIndexed(admin, id)).toMatchObject({ status: "ready", error: null });

    const again = await upload(admin, "orbit-copy.md", "# Orbit notes\n\nThe orbit review meets every second Tuesday.");
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ documents: [], duplicates: [{ fileName: "orbit-copy.md", documentId: documents[0]!.id }] });
  });

  it("takes a new version of a document, says when it is identical, and shows why a file failed", async () => {
    const created = (await (await upload(admin, "quota.md", "# Quota\n\nThe quota is 40 units.")).json()) as { documents: { id: string }[] };
    const id = created.documents[0]!.id;
    await whenIndexed(admin, id);
    const versions = `/api/documents/${id}/versions`;
    const same = await uploadFiles(admin, [["quota.md", "# Quota\n\nThe quota is 40 units."]], undefined, versions);
    expect(same.status).toBe(200);
    expect(await same.json()).toMatchObject({ unchanged: true, message: expect.stringMatching(/identical to the current version/) });
    const changed = await uploadFiles(admin, [["quota.md", "# Quota\n\nThe quota is 55 units."]], undefined, versions);
    expect(changed.status).toBe(202);
    expect(await whenIndexed(admin, id)).toMatchObject({ status: "ready", chunkCount: 1 });

    const broken = (await (await upload(admin, "scan.pdf", new Uint8Array(Buffer.from("%PDF-1.7\n1 0 obj <<>> endobj\n")))).json()) as {
      documents: { id: string }[];
    };
    expect(await whenIndexed(admin, broken.documents[0]!.id)).toMatchObject({ status: "failed", error: expect.stringMatching(/incomplete PDF/) });
  });

  it("changes readers, cancels, re-indexes and deletes only as an admin of the document's workspace", async () => {
    const created = (await (await upload(admin, "roster.md", "# Roster\n\nThe night shift starts at 22:00.")).json()) as { documents: { id: string }[] };
    const id = created.documents[0]!.id;
    await whenIndexed(admin, id);
    const put = (cookie: string, readers: unknown) =>
      fetch(url(`/api/documents/${id}/readers`), { method: "PUT", headers: { ...json, cookie }, body: JSON.stringify({ readers }) });
    expect((await put(employee, { everyone: true })).status).toBe(403);
    expect((await put(admin, { everyone: false, groupIds: ["00000000-0000-4000-8000-000000000000"], userIds: [] })).status).toBe(400);
    expect((await put(admin, { everyone: "yes" })).status).toBe(400);
    expect((await put(admin, { everyone: true })).status).toBe(200);

    const cancel = await fetch(url(`/api/documents/${id}/cancel`), { method: "POST", headers: { cookie: admin } });
    expect(cancel.status).toBe(400);
    expect(((await cancel.json()) as { message: string }).message).toMatch(/not being indexed/);
    expect((await fetch(url(`/api/documents/${id}/reindex`), { method: "POST", headers: { cookie: admin } })).status).toBe(202);
    expect(await whenIndexed(admin, id)).toMatchObject({ status: "ready" });

    const otherAdmin = await signInOverHttp("globex", "admin@globex.test");
    expect((await fetch(url(`/api/documents/${id}`), { method: "DELETE", headers: { cookie: otherAdmin } })).status).toBe(404);
    expect((await fetch(url(`/api/documents/${id}`), { method: "DELETE", headers: { cookie: admin } })).status).toBe(200);
    expect((await fetch(url(`/api/documents/${id}`), { method: "DELETE", headers: { cookie: admin } })).status).toBe(404);
    expect((await fetch(url("/api/documents/not-a-uuid"), { method: "DELETE", headers: { cookie: admin } })).status).toBe(404);
  });

  it("serves the policy API to admins: save, validation errors, activation, sandbox and hit counts", async () => {
    const admin = await signInOverHttp("globex", "admin@globex.test");
    const headers = { ...json, cookie: admin };
    type Listing = { active: { version: number | null; rules: PolicyRules }; versions: { version: number; reason: string; active: boolean }[] };
    const list = async () => (await (await fetch(url("/api/policies"), { headers: { cookie: admin } })).json()) as Listing;
    const before = await list();
    const rules: PolicyRules = {
      ...before.active.rules,
      output: { ...before.active.rules.output, toxicity: { enabled: true, action: "flag", shadow: false } },
    };
    try {
      const saved = await fetch(url("/api/policies"), {
        method: "POST",
        headers,
        body: JSON.stringify({ rules, reason: "Flag, do not withhold (asked by kim.lee@globex.test)" }),
      });
      expect(saved.status).toBe(201);
      const { version } = (await saved.json()) as { version: number };
      const after = await list();
      expect(after.active.version).toBe(version);
      // A reason is kept like every stored text: personal data redacted.
      expect(after.versions[0]).toMatchObject({ version, reason: "Flag, do not withhold (asked by [EMAIL])", active: true });

      const invalid = await fetch(url("/api/policies"), {
        method: "POST",
        headers,
        body: JSON.stringify({ rules: { ...rules, limits: { ...rules.limits, tenantTokensPerDay: -5 } }, reason: "negative" }),
      });
      expect(invalid.status).toBe(400);
      expect(((await invalid.json()) as { message: string }).message).toContain("limits.tenantTokensPerDay");
      const noReason = await fetch(url("/api/policies"), { method: "POST", headers, body: JSON.stringify({ rules }) });
      expect(noReason.status).toBe(400);
      expect((await list()).versions).toHaveLength(after.versions.length);

      const activate = (v: string) => fetch(url(`/api/policies/${v}/activate`), { method: "POST", headers: { cookie: admin } });
      expect((await activate("first")).status).toBe(404);
      expect((await activate("99999999999")).status).toBe(404);
      expect((await activate("9999")).status).toBe(404);

      const sandbox = (body: unknown) => fetch(url("/api/policies/sandbox"), { method: "POST", headers, body: JSON.stringify(body) });
      const ok = await sandbox({ rules, kind: "question", text: "Mail me at kim@example.com" });
      expect(ok.status).toBe(200);
      expect(((await ok.json()) as { result: string }).result).toBe("Mail me at [EMAIL]");
      expect((await sandbox({ rules, kind: "poem", text: "hi" })).status).toBe(400);
      expect((await sandbox({ rules, kind: "question", text: "" })).status).toBe(400);

      const stats = await fetch(url("/api/policies/stats"), { headers: { cookie: admin } });
      expect(stats.status).toBe(200);
      expect(Array.isArray(((await stats.json()) as { checks: unknown[] }).checks)).toBe(true);
    } finally {
      if (before.active.version !== null)
        expect((await fetch(url(`/api/policies/${before.active.version}/activate`), { method: "POST", headers: { cookie: admin } })).status).toBe(200);
    }
  });

  it("answers 429 with Retry-After when a person exceeds the policy's request limit, and the policy can be rolled back", async () => {
    const globexAdmin = await signInOverHttp("globex", "admin@globex.test");
    const researcher = await signInOverHttp("globex", "jiwoo@globex.test");
    const current = (await (await fetch(url("/api/policies"), { headers: { cookie: globexAdmin } })).json()) as {
      active: { version: number | null; rules: { limits: Record<string, number | null> } };
    };
    const rules = { ...current.active.rules, limits: { ...current.active.rules.limits, userRequestsPerMinute: 1 } };
    const saved = await fetch(url("/api/policies"), {
      method: "POST",
      headers: { ...json, cookie: globexAdmin },
      body: JSON.stringify({ rules, reason: "e2e: one question a minute" }),
    });
    expect(saved.status).toBe(201);
    try {
      // Both requests must fall in the same clock minute.
      await awayFromMinuteBoundary();
      const ask = () =>
        fetch(url("/api/chat"), { method: "POST", headers: { ...json, cookie: researcher }, body: chatBody("What is the daily meal allowance abroad?") });
      const first = await ask();
      expect(first.status).toBe(200);
      await first.text();
      const second = await ask();
      expect(second.status).toBe(429);
      expect(Number(second.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(await second.json()).toMatchObject({ code: "rate_limited:chat", message: expect.stringMatching(/try again in/) });
    } finally {
      if (current.active.version !== null) {
        const restored = await fetch(url(`/api/policies/${current.active.version}/activate`), { method: "POST", headers: { cookie: globexAdmin } });
        expect(restored.status).toBe(200);
      }
    }
  });

  it("never shows a passage across tenants or around the ACL", async () => {
    const bob = await signInOverHttp("acme", "bob@acme.test");
    const answer = await fetch(url("/api/chat"), {
      method: "POST",
      headers: { ...json, cookie: bob },
      body: chatBody("What commission do account executives earn?"),
    });
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
