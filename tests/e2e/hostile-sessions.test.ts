import { decode, encode } from "next-auth/jwt";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { E2E_AUTH_SECRET } from "@/tests/e2e/global-setup";
import { choosePassword } from "@/tests/e2e/pages/people";
import { signedIn } from "@/tests/e2e/pages/sign-in";
import { launchBrowser, newVisitor } from "@/tests/e2e/support/browser";
import { chatBody, signInOverHttp, signOutOverHttp, url } from "@/tests/e2e/support/http";
import { watchHealth } from "@/tests/support/health-watch";
import { readUiStream } from "@/tests/support/ui-stream";
import { sharedAppURL } from "@/tests/e2e/support/app-server";

// Issue 13 point 5: a session token captured before sign-out must be worthless afterwards, at once,
// for every kind of request (API reads, chat turns, pages), while the server stays healthy.

const COOKIE = "authjs.session-token";
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

/** A passage only the sales group may read, found through a real chat turn of Bob's. */
async function restrictedPassageOf(session: string): Promise<string> {
  const answer = await fetch(url("/api/chat"), {
    method: "POST",
    headers: { "content-type": "application/json", cookie: session },
    body: chatBody("What commission do account executives earn?"),
  });
  expect(answer.status).toBe(200);
  const citations = (await readUiStream(answer)).find((c) => c.type === "data-citations")?.data as { chunkId: string; documentTitle: string }[];
  const restricted = citations.find((c) => c.documentTitle === "Sales Compensation Plan 2026");
  expect(restricted, "Bob is answered from the sales plan").toBeDefined();
  return restricted!.chunkId;
}

const readPassage = (session: string, chunkId: string) => fetch(url(`/api/chunks/${chunkId}`), { headers: { cookie: session } });

async function expectRefused(session: string, chunkId: string) {
  const passage = await readPassage(session, chunkId);
  expect(passage.status).toBe(401);
  expect(await passage.json()).toMatchObject({ code: "unauthorized:passages", message: expect.stringMatching(/sign in again/) });
  const turn = await fetch(url("/api/chat"), {
    method: "POST",
    headers: { "content-type": "application/json", cookie: session },
    body: chatBody("What commission do account executives earn?"),
  });
  expect(turn.status).toBe(401);
  // A page answers with the sign-in page, never with the signed-in frame.
  const page = await fetch(url("/"), { headers: { cookie: session }, redirect: "manual" });
  expect([303, 307, 308]).toContain(page.status);
  expect(page.headers.get("location")).toMatch(/\/signin/);
}

describe("a session token reused after sign-out", () => {
  it("is refused everywhere once its owner signs out over HTTP, and other sessions of the same person live on", async () => {
    const health = watchHealth(sharedAppURL());
    const captured = await signInOverHttp("acme", "bob@acme.test");
    const otherDevice = await signInOverHttp("acme", "bob@acme.test");
    const chunkId = await restrictedPassageOf(captured);
    expect((await readPassage(captured, chunkId)).status).toBe(200);

    const signedOut = await signOutOverHttp(captured);
    expect(signedOut.status).toBe(302);
    expect(signedOut.headers.getSetCookie().some((c) => c.startsWith(`${COOKIE}=;`))).toBe(true);

    await expectRefused(captured, chunkId);
    // Replayed many times and concurrently, it stays refused and the server stays healthy.
    const replays = await Promise.all(Array.from({ length: 40 }, () => readPassage(captured, chunkId).then((r) => r.status)));
    expect(new Set(replays)).toEqual(new Set([401]));
    expect((await readPassage(otherDevice, chunkId)).status).toBe(200);

    const report = await health.stop();
    expect(report.failures, JSON.stringify(report)).toBe(0);
    expect(report.probes).toBeGreaterThan(0);
  });

  it("is refused once its owner presses Sign out in the browser", async () => {
    const health = watchHealth(sharedAppURL());
    const { context, page } = await signedIn(browser, "acme", "bob@acme.test");
    const cookie = (await context.cookies()).find((c) => c.name === COOKIE);
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe("Lax");
    const captured = `${COOKIE}=${cookie!.value}`;
    const chunkId = await restrictedPassageOf(captured);
    expect((await readPassage(captured, chunkId)).status).toBe(200);

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/signin/);
    await context.close();

    await expectRefused(captured, chunkId);
    // Put back into a fresh browser, the captured cookie leads to the sign-in page.
    const replay = await newVisitor(browser);
    await replay.addCookies([{ name: COOKIE, value: cookie!.value, url: sharedAppURL() }]);
    const replayPage = await replay.newPage();
    await replayPage.goto("/admin/documents");
    await replayPage.waitForURL(/\/signin/);
    await expect.poll(() => replayPage.getByRole("button", { name: "Sign in" }).isVisible()).toBe(true);
    await replay.close();

    const report = await health.stop();
    expect(report.failures, JSON.stringify(report)).toBe(0);
  });

  it("cannot be revived by re-signing it: a token naming a session the server never opened, or none, is refused", async () => {
    const captured = await signInOverHttp("acme", "bob@acme.test");
    const chunkId = await restrictedPassageOf(captured);
    const claims = await decode({ token: captured.slice(COOKIE.length + 1), secret: E2E_AUTH_SECRET, salt: COOKIE });
    expect(claims?.sid).toEqual(expect.any(String));
    const forge = async (token: Record<string, unknown>) => `${COOKIE}=${await encode({ token, secret: E2E_AUTH_SECRET, salt: COOKIE, maxAge: 3600 })}`;
    // Even someone holding the signing key cannot make up a session: it must exist on the server.
    await expectRefused(await forge({ ...claims, sid: crypto.randomUUID() }), chunkId);
    const { sid: _, ...withoutSession } = claims!;
    await expectRefused(await forge(withoutSession), chunkId);
    expect((await readPassage(captured, chunkId)).status).toBe(200);
  });
});

describe("a session token of someone an admin deactivates", () => {
  it("is refused at once, stays refused after reactivation, and the person cannot sign in meanwhile", async () => {
    const health = watchHealth(sharedAppURL());
    const admin = await signInOverHttp("acme", "admin@acme.test");
    const email = `leaver-${Date.now()}@acme.test`;
    const salesGroupId = (
      (await (await fetch(url("/api/admin/groups"), { headers: { cookie: admin } })).json()) as { groups: { id: string; name: string }[] }
    ).groups.find((g) => g.name === "sales")!.id;
    const created = await fetch(url("/api/admin/people"), {
      method: "POST",
      headers: { "content-type": "application/json", cookie: admin },
      body: JSON.stringify({ email, name: "Leaver", groupIds: [salesGroupId] }),
    });
    expect(created.status).toBe(201);
    const { person, welcomePath } = (await created.json()) as { person: { id: string }; welcomePath: string };
    const context = await newVisitor(browser);
    const page = await context.newPage();
    await choosePassword(page, welcomePath, "a passphrase long enough");
    await page.waitForURL(/\/signin/);
    await context.close();

    const captured = await signInOverHttp("acme", email, "a passphrase long enough");
    const chunkId = await restrictedPassageOf(captured);
    const deactivate = await fetch(url(`/api/admin/people/${person.id}`), {
      method: "PATCH",
      headers: { "content-type": "application/json", cookie: admin },
      body: JSON.stringify({ active: false }),
    });
    expect(deactivate.status).toBe(200);
    await expectRefused(captured, chunkId);
    await expect(signInOverHttp("acme", email, "a passphrase long enough")).rejects.toThrow(/sign-in failed/);

    const reactivate = await fetch(url(`/api/admin/people/${person.id}`), {
      method: "PATCH",
      headers: { "content-type": "application/json", cookie: admin },
      body: JSON.stringify({ active: true }),
    });
    expect(reactivate.status).toBe(200);
    await expectRefused(captured, chunkId);
    expect((await readPassage(await signInOverHttp("acme", email, "a passphrase long enough"), chunkId)).status).toBe(200);

    const report = await health.stop();
    expect(report.failures, JSON.stringify(report)).toBe(0);
  });
});
