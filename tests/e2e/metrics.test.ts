import { beforeAll, describe, expect, it } from "vitest";
import { E2E_METRICS_TOKEN } from "@/tests/e2e/global-setup";
import { chatBody, signInOverHttp, url } from "@/tests/e2e/support/http";
import { readUiStream } from "@/tests/support/ui-stream";

// GET /api/metrics (Prometheus text format) against the built server, whose METRICS_TOKEN the
// end-to-end setup sets.

let alice: string;
beforeAll(async () => {
  alice = await signInOverHttp("acme", "alice@acme.test");
});

const scrape = async () => {
  const response = await fetch(url("/api/metrics"), { headers: { authorization: `Bearer ${E2E_METRICS_TOKEN}` } });
  expect(response.status).toBe(200);
  return response.text();
};

/** The value of one sample, or 0 when it is absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const line = text.split("\n").find((l) => {
    if (!l.startsWith(`${name}{`) && !l.startsWith(`${name} `)) return false;
    return wanted.every((pair) => l.includes(pair));
  });
  return line ? Number(line.slice(line.lastIndexOf(" ") + 1)) : 0;
}

describe("metrics", () => {
  it("are for the scraper holding the token only", async () => {
    const none = await fetch(url("/api/metrics"));
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toContain("Bearer");
    expect(((await none.json()) as { message: string }).message).toBe("Send the metrics token as Authorization: Bearer <token>.");
    expect((await fetch(url("/api/metrics"), { headers: { authorization: "Bearer not-the-token-at-all" } })).status).toBe(401);
    expect((await fetch(url("/api/metrics"), { headers: { cookie: alice } })).status).toBe(401);
  });

  it("count requests by route pattern and status, with no id in any label", async () => {
    const before = await scrape();
    const passage = "00000000-0000-4000-8000-000000000000";
    expect((await fetch(url(`/api/chunks/${passage}`), { headers: { cookie: alice } })).status).toBe(404);
    await fetch(url("/api/health"));
    const after = await scrape();
    expect(after).toMatch(/^# TYPE lore_http_requests_total counter$/m);
    const labels = { route: "/api/chunks/[id]", method: "GET", status: "404" };
    expect(sample(after, "lore_http_requests_total", labels)).toBe(sample(before, "lore_http_requests_total", labels) + 1);
    expect(sample(after, "lore_http_request_duration_seconds_count", { route: "/api/health", method: "GET" })).toBeGreaterThan(0);
    expect(after).not.toContain(passage);
    expect(sample(after, "lore_process_resident_memory_bytes")).toBeGreaterThan(0);
  });

  it("count chat turns by outcome, guardrail hits, and time retrieval, the answer and the record's write (English and Korean)", async () => {
    const before = await scrape();
    for (const question of ["When must expense claims be submitted? Reply to alice@acme.test", "경비 청구는 언제까지 제출해야 하나요?"]) {
      const response = await fetch(url("/api/chat"), {
        method: "POST",
        headers: { "content-type": "application/json", cookie: alice },
        body: chatBody(question),
      });
      expect(response.status).toBe(200);
      await readUiStream(response);
    }
    await expect
      .poll(async () => sample(await scrape(), "lore_audit_write_duration_seconds_count"))
      .toBe(sample(before, "lore_audit_write_duration_seconds_count") + 2);
    const after = await scrape();
    const turns = (text: string) =>
      text
        .split("\n")
        .filter((l) => l.startsWith("lore_chat_turns_total{"))
        .reduce((sum, l) => sum + Number(l.split(" ").at(-1)), 0);
    expect(turns(after)).toBe(turns(before) + 2);
    expect(sample(after, "lore_retrieval_duration_seconds_count")).toBeGreaterThan(sample(before, "lore_retrieval_duration_seconds_count"));
    expect(sample(after, "lore_model_duration_seconds_count")).toBeGreaterThan(sample(before, "lore_model_duration_seconds_count"));
    // The e-mail address in the first question is a hit of the input's e-mail check (whatever the policy does with it).
    const hits = (text: string) => sample(text, "lore_guardrail_hits_total", { stage: "input", check: "email" });
    expect(hits(after)).toBeGreaterThan(hits(before));
  });

  it("show the ingest queue and time each job (a Korean document indexed, then deleted)", async () => {
    const admin = await signInOverHttp("globex", "admin@globex.test");
    const before = await scrape();
    for (const status of ["queued", "running"]) expect(before).toMatch(new RegExp(`^lore_ingest_queue_jobs\\{kind="index",status="${status}"\\} \\d+$`, "m"));
    const done = (text: string) => sample(text, "lore_ingest_job_duration_seconds_count", { kind: "index", outcome: "done" });
    const form = new FormData();
    form.append("file", new File(["# 출장 규정\n\n출장비는 귀국 후 14일 이내에 정산한다."], "metrics-출장.md"));
    const uploaded = await fetch(url("/api/documents"), { method: "POST", body: form, headers: { cookie: admin } });
    expect(uploaded.status).toBe(202);
    const { documents } = (await uploaded.json()) as { documents: { id: string }[] };
    try {
      await expect.poll(async () => done(await scrape())).toBe(done(before) + 1);
    } finally {
      for (const { id } of documents) expect((await fetch(url(`/api/documents/${id}`), { method: "DELETE", headers: { cookie: admin } })).status).toBe(200);
    }
  });
});
