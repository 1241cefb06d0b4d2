import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Role } from "@/lib/generated/prisma/enums";
import { DEMO_PASSWORD } from "@/prisma/seed";
import { E2E_METRICS_TOKEN } from "@/tests/e2e/global-setup";
import { chatBody, signInOverHttp, url } from "@/tests/e2e/support/http";
import { signInResponse } from "@/tests/support/sign-in-over-http";
import { decisionIdOf, readUiStream } from "@/tests/support/ui-stream";

/**
 * The authorization inventory (issue 7, point 5): every route handler (with each HTTP method it
 * exports), every page and every server action is found on the file system and must have an entry
 * below saying who may use it; an entry for something that no longer exists fails too. Each entry is
 * then tried over real HTTP against the built app: with no session, with a signed-in person of a
 * wrong role, from another site, and with a session of the other workspace (globex) on acme's
 * resources. A new route cannot be added without deciding, here, who may use it.
 */

const ROLES = ["employee", "admin", "auditor"] as const satisfies readonly Role[];
const ROUTE_METHODS = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof ROUTE_METHODS)[number];

/** Acme's resources the checks put in [id]-style paths (or in a body): created or found by the test itself. */
type Resource = "document" | "conversation" | "decision" | "chunk" | "feedback" | "group" | "person" | "policyVersion" | "hold";
type Ids = Record<Resource, string>;

/**
 * Who may use it: nobody needs a session (`public`, saying why that is safe), a secret token
 * instead of a session (and what a caller without it gets), any signed-in person, or these roles.
 */
type Access = { public: string } | { token: string; withoutToken: 401 | 404 } | "signed-in" | readonly Role[];

/** A minimal valid body, so that a refusal comes from the authorization and not from the body (415/400). */
type Body = { json: unknown } | { file: string };

type ApiEntry = {
  access: Access;
  /** the acme resource whose id fills the path's [param], or that the body names */
  resource?: Resource;
  /** only the person it belongs to may use it: another acme person gets 404 */
  ownerOnly?: true;
  body?: (ids: Ids) => Body;
  /** what the rightful acme person gets: a check that the ids are real, so the refusals mean something */
  rightful?: number;
  /** public routes: the concrete path to try without a session, how it is asked (if not plainly), and what must (not) come back */
  path?: string;
  anonymous?: { request?: () => Promise<Response>; expect: (response: Response) => Promise<void> };
};

type PageEntry = { access: Access; resource?: Resource; ownerOnly?: true };

type ActionEntry = {
  access: Access;
  /** the session check the function must call before it touches a person's data */
  guard?: "currentUser" | "requireUser" | "pageUser";
};

const MARK = `zq${Array.from({ length: 8 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join("")}`;
const json = (value: unknown): Body => ({ json: value });
const AUDIT_READERS: readonly Role[] = ["auditor", "admin"];

const API: Record<string, ApiEntry> = {
  "GET /api/health": {
    access: { public: "says only whether the service and its database are up" },
    anonymous: {
      expect: async (response) => {
        expect(response.status).toBe(200);
        expect(Object.keys((await response.json()) as object)).toEqual(expect.arrayContaining(["status", "database"]));
      },
    },
  },
  "GET /api/auth/[...nextauth]": {
    access: { public: "next-auth's own endpoints: the session of the caller's own cookie, CSRF token, providers" },
    path: "/api/auth/session",
    anonymous: {
      expect: async (response) => {
        expect(response.status).toBe(200);
        expect(await response.json()).toBeNull();
      },
    },
  },
  "POST /api/auth/[...nextauth]": {
    access: { public: "next-auth's own sign-in and sign-out forms, protected by its CSRF token" },
    path: "/api/auth/callback/credentials",
    anonymous: {
      // The right password without next-auth's CSRF token: no session.
      request: () =>
        fetch(url("/api/auth/callback/credentials"), {
          method: "POST",
          redirect: "manual",
          headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN() },
          body: new URLSearchParams({ workspace: "acme", email: "admin@acme.test", password: DEMO_PASSWORD }),
        }),
      expect: async (response) => {
        expect(response.status).toBeLessThan(500);
        expect(response.headers.getSetCookie().some((cookie) => /session-token=[^;]/.test(cookie))).toBe(false);
      },
    },
  },
  "GET /api/metrics": { access: { token: "METRICS_TOKEN (Bearer), for a Prometheus scraper", withoutToken: 401 } },
  "GET /api/operator/workspaces": { access: { token: "LORE_OPERATOR_TOKEN; off (404) without it", withoutToken: 404 } },
  "POST /api/operator/workspaces": {
    access: { token: "LORE_OPERATOR_TOKEN; off (404) without it", withoutToken: 404 },
    body: () => json({ slug: `inv${MARK}`, name: "Inventory", adminEmail: `admin@${MARK}.test` }),
  },

  "POST /api/chat": {
    access: "signed-in",
    resource: "conversation",
    ownerOnly: true,
    body: (ids) =>
      json({ id: ids.conversation, message: { id: crypto.randomUUID(), role: "user", parts: [{ type: "text", text: "How are expense claims approved?" }] } }),
  },
  "GET /api/conversations": { access: "signed-in" },
  "PATCH /api/conversations/[id]": {
    access: "signed-in",
    resource: "conversation",
    ownerOnly: true,
    body: () => json({ title: `Inventory ${MARK}` }),
    rightful: 200,
  },
  "DELETE /api/conversations/[id]": { access: "signed-in", resource: "conversation", ownerOnly: true, rightful: 204 },
  "GET /api/chunks/[id]": { access: "signed-in", resource: "chunk", rightful: 200 },
  "POST /api/feedback": {
    access: "signed-in",
    resource: "decision",
    ownerOnly: true,
    body: (ids) => json({ decisionId: ids.decision, rating: "up" }),
    rightful: 200,
  },

  "GET /api/documents": { access: ["admin"] },
  "POST /api/documents": { access: ["admin"], body: () => ({ file: `# Not stored ${MARK}\n\nRefused before it is read.` }) },
  "DELETE /api/documents/[id]": { access: ["admin"], resource: "document", rightful: 200 },
  "POST /api/documents/[id]/cancel": { access: ["admin"], resource: "document" },
  "PUT /api/documents/[id]/readers": { access: ["admin"], resource: "document", body: () => json({ readers: { everyone: true } }), rightful: 200 },
  "POST /api/documents/[id]/reindex": { access: ["admin"], resource: "document" },
  "POST /api/documents/[id]/versions": {
    access: ["admin"],
    resource: "document",
    body: () => ({ file: `# Inventory ${MARK}\n\nA second version that must not be stored.` }),
  },

  "GET /api/policies": { access: ["admin"] },
  "POST /api/policies": { access: ["admin"], body: () => json({ rules: {}, reason: "never saved: refused first" }) },
  "GET /api/policies/stats": { access: ["admin"] },
  "POST /api/policies/sandbox": { access: ["admin"], body: () => json({ rules: {}, kind: "question", text: "hello" }) },
  "POST /api/policies/[version]/activate": { access: ["admin"], resource: "policyVersion" },

  "GET /api/admin/people": { access: ["admin"] },
  "POST /api/admin/people": { access: ["admin"], body: () => json({ email: `refused-${MARK}@acme.test`, name: "Never Created" }) },
  "PATCH /api/admin/people/[id]": { access: ["admin"], resource: "person", body: () => json({ name: `Inventory ${MARK} Person` }), rightful: 200 },
  "POST /api/admin/people/[id]/welcome-link": { access: ["admin"], resource: "person", rightful: 201 },
  "POST /api/admin/people/import": { access: ["admin"], body: () => json({ csv: "email,name\n", mode: "preview" }) },
  "GET /api/admin/groups": { access: ["admin"] },
  "POST /api/admin/groups": { access: ["admin"], body: () => json({ name: `Never ${MARK}` }) },
  "PATCH /api/admin/groups/[id]": { access: ["admin"], resource: "group", body: () => json({ name: `Inventory ${MARK} renamed` }), rightful: 200 },
  "DELETE /api/admin/groups/[id]": { access: ["admin"], resource: "group", rightful: 204 },
  "POST /api/admin/groups/[id]/members": { access: ["admin"], resource: "group", body: (ids) => json({ add: [ids.person] }), rightful: 200 },
  "GET /api/admin/sign-in": { access: ["admin"] },
  "PATCH /api/admin/sign-in": { access: ["admin"], body: () => json({ passwordSignIn: true }) },
  "GET /api/admin/activity": { access: ["auditor"] },

  "GET /api/audit/records": { access: AUDIT_READERS },
  "GET /api/audit/records/[id]": { access: AUDIT_READERS, resource: "decision", rightful: 200 },
  "GET /api/audit/export": { access: AUDIT_READERS },
  "GET /api/audit/feedback": { access: AUDIT_READERS },
  "PATCH /api/audit/feedback/[id]": { access: AUDIT_READERS, resource: "feedback", body: () => json({ label: "other" }), rightful: 200 },
  "GET /api/audit/retention": { access: AUDIT_READERS },
  "PUT /api/audit/retention": { access: ["admin"], body: () => json({ days: 36500 }) },
  "POST /api/audit/retention/purge": { access: ["admin"] },
  "GET /api/audit/holds": { access: AUDIT_READERS },
  "POST /api/audit/holds": { access: AUDIT_READERS, body: () => json({ scope: "dates", from: "2001-01-01", to: "2001-01-02", reason: `Never ${MARK}` }) },
  "POST /api/audit/holds/[id]/release": { access: AUDIT_READERS, resource: "hold", rightful: 200 },
};

const PAGES: Record<string, PageEntry> = {
  "/signin": { access: { public: "the sign-in form" } },
  "/welcome": { access: { public: "choosing a password: the one-time link's token is the credential" } },
  "/operator": { access: { token: "LORE_OPERATOR_TOKEN (its API checks it); off (404) without it", withoutToken: 404 } },
  "/": { access: "signed-in" },
  "/c/[id]": { access: "signed-in", resource: "conversation", ownerOnly: true },
  "/documents/[id]": { access: "signed-in", resource: "document" },
  "/admin/documents": { access: ["admin"] },
  "/admin/people": { access: ["admin"] },
  "/admin/policies": { access: ["admin"] },
  "/activity": { access: ["auditor"] },
  "/audit": { access: AUDIT_READERS },
  "/audit/[id]": { access: AUDIT_READERS, resource: "decision" },
  "/audit/access": { access: AUDIT_READERS },
  "/audit/dashboard": { access: AUDIT_READERS },
  "/audit/feedback": { access: AUDIT_READERS },
  "/audit/integrity": { access: AUDIT_READERS },
  "/audit/retention": { access: AUDIT_READERS },
};

const ACTIONS: Record<string, ActionEntry> = {
  "app/(auth)/signin/actions.ts#signInWithPassword": { access: { public: "signing in: the password is the check" } },
  "app/(auth)/signin/actions.ts#signInWithSso": { access: { public: "sends the browser to the identity provider" } },
  "app/(auth)/welcome/actions.ts#choosePassword": { access: { token: "the one-time welcome link's token", withoutToken: 401 } },
  "app/(auth)/sign-out.ts#signOutAction": { access: { public: "ends the caller's own session" } },
  "app/preferences/actions.ts#chooseLocale": {
    access: { public: "sets a cookie in this browser; saved with a person only when currentUser() finds one" },
    guard: "currentUser",
  },
  "app/preferences/actions.ts#chooseTheme": {
    access: { public: "sets a cookie in this browser; saved with a person only when currentUser() finds one" },
    guard: "currentUser",
  },
};

// ---------------------------------------------------------------------------------------------
// What the file system holds

const filesUnder = (dir: string, pattern: RegExp) =>
  readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((file) => path.join(dir, file))
    .filter((file) => pattern.test(file))
    .sort();

/** app/(chat)/c/[id]/page.tsx → /c/[id]: route groups do not show in the URL. */
function urlPattern(file: string): string {
  const segments = path
    .relative("app", path.dirname(file))
    .split(path.sep)
    .filter((segment) => segment !== "" && !/^\(.+\)$/.test(segment));
  return `/${segments.join("/")}`;
}

/** The HTTP methods a route file exports: `export const GET = …`, `export async function POST`, `export const { GET, POST } = …`. */
function exportedMethods(source: string): Method[] {
  const methods = new Set<string>();
  for (const match of source.matchAll(/export\s+(?:async\s+)?(?:const|function|let)\s+([A-Z]+)\b/g)) methods.add(match[1]!);
  for (const match of source.matchAll(/export\s+const\s+\{([^}]*)\}/g)) {
    for (const name of match[1]!.split(",")) methods.add(name.split(":").at(-1)!.trim());
  }
  return ROUTE_METHODS.filter((method) => methods.has(method));
}

function discoveredRoutes(): string[] {
  return filesUnder("app/api", /(^|\/)route\.tsx?$/).flatMap((file) => {
    const methods = exportedMethods(readFileSync(file, "utf8"));
    expect(methods.length, `${file} exports no HTTP method this test can read`).toBeGreaterThan(0);
    return methods.map((method) => `${method} ${urlPattern(file)}`);
  });
}

const discoveredPages = () => filesUnder("app", /(^|\/)page\.tsx?$/).map(urlPattern);

/** Files whose first statement is "use server"; a "use server" anywhere else (an inline action) is refused, so every action is in such a file. */
function serverActionFiles(): string[] {
  return ["app", "components", "lib"].flatMap((dir) =>
    filesUnder(dir, /\.tsx?$/).filter((file) => {
      const source = readFileSync(file, "utf8");
      if (!/["']use server["']/.test(source)) return false;
      expect(source, `${file}: keep server actions in a file that starts with "use server"`).toMatch(
        /^(\s*\/\/[^\n]*\n|\s*\/\*[\s\S]*?\*\/)*\s*["']use server["']/,
      );
      return true;
    }),
  );
}

const exportedFunctions = (source: string) => [...source.matchAll(/export\s+(?:async\s+function|function|const|let)\s+(\w+)/g)].map((match) => match[1]!);

function discoveredActions(): string[] {
  return serverActionFiles().flatMap((file) => exportedFunctions(readFileSync(file, "utf8")).map((name) => `${file}#${name}`));
}

/** The text of one exported function, up to the next export. */
function functionSource(file: string, name: string): string {
  const source = readFileSync(file, "utf8");
  const start = source.search(new RegExp(`export\\s+(?:async\\s+)?function\\s+${name}\\b`));
  const next = source.slice(start + 1).search(/\nexport\s/);
  return next < 0 ? source.slice(start) : source.slice(start, start + 1 + next);
}

const difference = (a: string[], b: string[]) => a.filter((item) => !b.includes(item));

// ---------------------------------------------------------------------------------------------
// The people and acme's resources

type People = Record<Role, string>;
let acme: People;
let globex: People;
/** another acme employee: a conversation is alice's alone */
let bob: string;
const ids = {} as Ids;
/** A policy version number one workspace has and the other has not (they are numbered per workspace). */
let versionProbe: { version: string; outsider: string };

const ORIGIN = () => url("");
const CROSS_SITE = "https://evil.example";

function send(method: Method, pathname: string, options: { cookie?: string; body?: Body; origin?: string; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.cookie) headers.cookie = options.cookie;
  if (method !== "GET") headers.origin = options.origin ?? ORIGIN();
  let body: BodyInit | undefined;
  if (options.body && "json" in options.body) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(options.body.json);
  } else if (options.body) {
    const form = new FormData();
    form.append("file", new File([options.body.file], `inventory-${MARK}.md`, { type: "text/markdown" }));
    form.set("readers", JSON.stringify({ everyone: true }));
    body = form;
  }
  return fetch(url(pathname), { method, headers, body, redirect: "manual" });
}

const fill = (pattern: string, entry: { resource?: Resource; path?: string }) =>
  entry.path ??
  pattern.replace(/\[[^\]]+\]/g, () => {
    if (!entry.resource) throw new Error(`${pattern}: a path with a parameter needs a resource`);
    return ids[entry.resource];
  });

const isRoles = (access: Access): access is readonly Role[] => Array.isArray(access);
const wrongRoles = (access: Access): Role[] => (isRoles(access) ? ROLES.filter((role) => !access.includes(role)) : []);
/** The acme (or globex) person who may use it: alice for anything any signed-in person may use (she owns the conversation). */
const rightful = (access: Access, people: People) => (isRoles(access) ? people[access[0]!] : people.employee);

/** What no one outside acme (nor a refused acme person) may see: the test's own marker and acme's ids. */
const acmeData = () => [
  MARK,
  ...Object.entries(ids)
    .filter(([kind]) => kind !== "policyVersion")
    .map(([, id]) => id),
];

/** `requested`: the path asked for, whose own id a page may echo (in a sign-in redirect's callbackUrl, in its router state). */
async function expectNoAcmeData(response: Response, label: string, alsoAcmeAddresses: boolean, requested = "") {
  const text = await response.text();
  const markers = [...acmeData(), ...(alsoAcmeAddresses ? ["@acme.test"] : [])].filter((marker) => !requested.includes(marker));
  for (const marker of markers) expect(text, `${label} shows ${marker}`).not.toContain(marker);
}

async function expectCode(response: Response, status: number, label: string) {
  expect(response.status, label).toBe(status);
  const body = await response.text();
  if (status === 401) expect(body, label).toMatch(/"code":"unauthorized:/);
  if (status === 403) expect(body, label).toMatch(/"code":"forbidden:/);
  if (status === 404) expect(body, label).toMatch(/"code":"not_found:/);
  for (const marker of acmeData()) expect(body, `${label} shows ${marker}`).not.toContain(marker);
}

/** Sends the entries that name what their rightful acme person gets, as that person. */
async function expectServed(which: (method: Method) => boolean) {
  for (const { key, method, pattern, entry } of apiEntries()) {
    if (entry.rightful === undefined || !which(method)) continue;
    const response = await send(method, fill(pattern, entry), { cookie: rightful(entry.access, acme), body: entry.body?.(ids) });
    expect(response.status, `${key} as its rightful acme person: ${await response.text()}`).toBe(entry.rightful);
  }
}

const apiEntries = () => Object.entries(API).map(([key, entry]) => ({ key, method: key.split(" ")[0] as Method, pattern: key.split(" ")[1]!, entry }));

async function ask(cookie: string, question: string) {
  const body = chatBody(question);
  const response = await fetch(url("/api/chat"), { method: "POST", headers: { "content-type": "application/json", cookie, origin: ORIGIN() }, body });
  expect(response.status).toBe(200);
  const chunks = await readUiStream(response);
  const citations = chunks.find((c) => c.type === "data-citations")?.data as { chunkId: string }[] | undefined;
  expect(citations?.length, "the demo answer cites a passage").toBeGreaterThan(0);
  return { conversation: (JSON.parse(body) as { id: string }).id, decision: decisionIdOf(chunks), chunk: citations![0]!.chunkId };
}

async function versionsOf(admin: string): Promise<number[]> {
  const listing = (await (await fetch(url("/api/policies"), { headers: { cookie: admin } })).json()) as {
    active: { version: number; rules: unknown };
    versions: { version: number }[];
  };
  return listing.versions.map((v) => v.version);
}

/** Acme's admin and globex's admin each see only their own numbers: find (or make, in globex, with its active rules unchanged) one only one of them has. */
async function findVersionProbe() {
  const [acmeVersions, globexVersions] = [await versionsOf(acme.admin), await versionsOf(globex.admin)];
  const acmeLatest = Math.max(...acmeVersions);
  let globexLatest = Math.max(...globexVersions);
  if (acmeLatest > globexLatest) return { version: String(acmeLatest), outsider: globex.admin };
  if (globexLatest === acmeLatest) {
    const { active } = (await (await fetch(url("/api/policies"), { headers: { cookie: globex.admin } })).json()) as { active: { rules: unknown } };
    const saved = await send("POST", "/api/policies", {
      cookie: globex.admin,
      body: json({ rules: active.rules, reason: "Authorization inventory: the same rules again" }),
    });
    expect(saved.status).toBeLessThan(300);
    globexLatest = Math.max(...(await versionsOf(globex.admin)));
  }
  return { version: String(globexLatest), outsider: acme.admin };
}

beforeAll(async () => {
  const [acmeAdmin, acmeAuditor, alice, bobSession, globexAdmin, globexAuditor, sam] = await Promise.all([
    signInOverHttp("acme", "admin@acme.test"),
    signInOverHttp("acme", "auditor@acme.test"),
    signInOverHttp("acme", "alice@acme.test"),
    signInOverHttp("acme", "bob@acme.test"),
    signInOverHttp("globex", "admin@globex.test"),
    signInOverHttp("globex", "auditor@globex.test"),
    signInOverHttp("globex", "sam@globex.test"),
  ]);
  acme = { admin: acmeAdmin, auditor: acmeAuditor, employee: alice };
  globex = { admin: globexAdmin, auditor: globexAuditor, employee: sam };
  bob = bobSession;

  // The test's own document, group and person, so that a refusal that failed would change only these.
  const uploaded = await send("POST", "/api/documents", {
    cookie: acme.admin,
    body: { file: `# Inventory ${MARK}\n\nThis document exists for the authorization inventory.` },
  });
  expect(uploaded.status).toBe(202);
  ids.document = ((await uploaded.json()) as { documents: { id: string }[] }).documents[0]!.id;
  const group = await send("POST", "/api/admin/groups", { cookie: acme.admin, body: json({ name: `Inventory ${MARK}` }) });
  expect(group.status).toBe(201);
  ids.group = ((await group.json()) as { group: { id: string } }).group.id;
  const person = await send("POST", "/api/admin/people", {
    cookie: acme.admin,
    body: json({ email: `inventory-${MARK}@acme.test`, name: `Inventory ${MARK}` }),
  });
  expect(person.status).toBe(201);
  ids.person = ((await person.json()) as { person: { id: string } }).person.id;

  // Alice's conversation, its decision record and a cited passage; her feedback on it, as the auditors' queue lists it.
  Object.assign(ids, await ask(acme.employee, `When must expense claims be submitted? (${MARK})`));
  const rated = await send("POST", "/api/feedback", {
    cookie: acme.employee,
    body: json({ decisionId: ids.decision, rating: "down", reason: "other", comment: `Inventory ${MARK}` }),
  });
  expect(rated.status).toBe(200);
  const queue = (await (await fetch(url("/api/audit/feedback?rating=down&status=open"), { headers: { cookie: acme.auditor } })).json()) as {
    items: { id: string; decisionId: string }[];
  };
  const feedback = queue.items.find((item) => item.decisionId === ids.decision);
  expect(feedback, "alice's feedback is in acme's queue").toBeDefined();
  ids.feedback = feedback!.id;

  // A legal hold of acme's on a day long gone (it keeps nothing), which the served check releases.
  const hold = await send("POST", "/api/audit/holds", {
    cookie: acme.auditor,
    body: json({ scope: "dates", from: "2001-01-01", to: "2001-01-01", reason: `Inventory ${MARK}` }),
  });
  expect(hold.status).toBe(201);
  ids.hold = ((await hold.json()) as { hold: { id: string } }).hold.id;

  ids.policyVersion = String(Math.max(...(await versionsOf(acme.admin))));
  versionProbe = await findVersionProbe();

  // The document is ready before anything tries to change it (vi.waitFor, as expect.poll is for tests, not hooks).
  const statusOf = async () =>
    (
      (await (await fetch(url("/api/documents"), { headers: { cookie: acme.admin } })).json()) as { documents: { id: string; status: string }[] }
    ).documents.find((d) => d.id === ids.document)?.status;
  const status = await vi.waitFor(
    async () => {
      const current = await statusOf();
      if (current !== "ready" && current !== "failed") throw new Error(`the test's document is still ${current}`);
      return current;
    },
    { timeout: 120_000, interval: 100 },
  );
  expect(status, "the test's document is indexed").toBe("ready");
});

// ---------------------------------------------------------------------------------------------

describe("the authorization inventory", () => {
  it("has an entry for every route handler and method, page and server action, and none for anything that is gone", () => {
    const routes = discoveredRoutes();
    expect(difference(routes, Object.keys(API)), "route handlers without an entry in API").toEqual([]);
    expect(difference(Object.keys(API), routes), "entries in API for routes that do not exist").toEqual([]);
    const pages = discoveredPages();
    expect(difference(pages, Object.keys(PAGES)), "pages without an entry in PAGES").toEqual([]);
    expect(difference(Object.keys(PAGES), pages), "entries in PAGES for pages that do not exist").toEqual([]);
    const actions = discoveredActions();
    expect(difference(actions, Object.keys(ACTIONS)), "server actions without an entry in ACTIONS").toEqual([]);
    expect(difference(Object.keys(ACTIONS), actions), "entries in ACTIONS for actions that do not exist").toEqual([]);
  });

  it("answers a request without a session with 401 (or the route's documented public behaviour), never data", async () => {
    for (const { key, method, pattern, entry } of apiEntries()) {
      const { access } = entry;
      if (typeof access === "object" && "public" in access) {
        expect(entry.anonymous, `${key} is public: say what an anonymous caller gets`).toBeDefined();
        const response = await (entry.anonymous!.request?.() ?? send(method, fill(pattern, entry)));
        await entry.anonymous!.expect(response);
        continue;
      }
      const response = await send(method, fill(pattern, entry), { body: entry.body?.(ids) });
      if (typeof access === "object" && "token" in access) await expectCode(response, access.withoutToken, `${key} without its token`);
      else await expectCode(response, 401, `${key} without a session`);
    }
  });

  it("takes a session for no token: metrics and the operator's API refuse a signed-in admin without theirs", async () => {
    for (const { key, method, pattern, entry } of apiEntries()) {
      if (!(typeof entry.access === "object" && "token" in entry.access)) continue;
      await expectCode(
        await send(method, fill(pattern, entry), { cookie: acme.admin, body: entry.body?.(ids) }),
        entry.access.withoutToken,
        `${key} with a session but no token`,
      );
    }
    const scraped = await fetch(url("/api/metrics"), { headers: { authorization: `Bearer ${E2E_METRICS_TOKEN}` } });
    expect(scraped.status, "the metrics token is the credential").toBe(200);
  });

  it("answers a signed-in person of a wrong role with 403, never data", async () => {
    for (const { key, method, pattern, entry } of apiEntries()) {
      for (const role of wrongRoles(entry.access)) {
        await expectCode(await send(method, fill(pattern, entry), { cookie: acme[role], body: entry.body?.(ids) }), 403, `${key} as acme's ${role}`);
      }
    }
  });

  it("refuses a state-changing request from another site before anything else, even with the right session", async () => {
    for (const { key, method, pattern, entry } of apiEntries()) {
      if (method === "GET" || pattern === "/api/auth/[...nextauth]") continue; // next-auth guards its forms with its own CSRF token (above)
      const cookie = typeof entry.access === "object" && !isRoles(entry.access) ? undefined : rightful(entry.access, acme);
      await expectCode(await send(method, fill(pattern, entry), { cookie, body: entry.body?.(ids), origin: CROSS_SITE }), 403, `${key} from ${CROSS_SITE}`);
      const fetchMetadata = await send(method, fill(pattern, entry), { cookie, body: entry.body?.(ids), headers: { "sec-fetch-site": "cross-site" } });
      await expectCode(fetchMetadata, 403, `${key} with Sec-Fetch-Site: cross-site`);
    }
  });

  it("answers the other workspace's rightful person 404 on acme's resources and shows them none of acme's data", async () => {
    for (const { key, method, pattern, entry } of apiEntries()) {
      if (typeof entry.access === "object" && !isRoles(entry.access)) continue; // no session: checked above
      const outsider = rightful(entry.access, globex);
      if (entry.resource === "policyVersion") {
        // Versions are numbered per workspace: a number only the other workspace has names nothing here.
        await expectCode(
          await send(method, pattern.replace("[version]", versionProbe.version), { cookie: versionProbe.outsider }),
          404,
          `${key} with the other workspace's version`,
        );
      } else if (entry.resource) {
        await expectCode(
          await send(method, fill(pattern, entry), { cookie: outsider, body: entry.body?.(ids) }),
          404,
          `${key} from globex on acme's ${entry.resource}`,
        );
      } else if (method === "GET") {
        const response = await send(method, pattern, { cookie: outsider });
        expect(response.status, `${key} for globex`).toBe(200);
        await expectNoAcmeData(response, `${key} for globex`, true);
      }
      // A state-changing request that names nothing of acme's acts on the caller's own workspace: not sent here.
    }
  });

  it("answers another acme person 404 on what belongs to alice alone", async () => {
    for (const { key, method, pattern, entry } of apiEntries()) {
      if (entry.ownerOnly) await expectCode(await send(method, fill(pattern, entry), { cookie: bob, body: entry.body?.(ids) }), 404, `${key} as bob`);
    }
  });

  it("serves the rightful acme person, so the refusals above were about real resources (deletions at the end)", async () => {
    await expectServed((method) => method !== "DELETE");
  });
});

// ---------------------------------------------------------------------------------------------

const pageEntries = () => Object.entries(PAGES).map(([pattern, entry]) => ({ pattern, entry, path: fill(pattern, entry) }));
const page = (path: string, cookie?: string) => fetch(url(path), { headers: cookie ? { cookie } : {}, redirect: "manual" });
const FORBIDDEN = 'data-testid="forbidden"';

describe("pages", () => {
  it("send a visitor without a session to sign in (public pages excepted)", async () => {
    for (const { pattern, entry, path } of pageEntries()) {
      const response = await page(path);
      const { access } = entry;
      if (typeof access === "object" && "public" in access) {
        expect(response.status, pattern).toBe(200);
      } else if (typeof access === "object" && "token" in access) {
        expect(response.status, `${pattern} without its token`).toBe(access.withoutToken);
      } else {
        expect([307, 308], `${pattern} without a session`).toContain(response.status);
        expect(new URL(response.headers.get("location")!, url("")).pathname, pattern).toBe("/signin");
      }
      await expectNoAcmeData(response, `${pattern} without a session`, false, path);
    }
  });

  it("show a person of a wrong role the 'not for you' notice, never the data", async () => {
    for (const { pattern, entry, path } of pageEntries()) {
      for (const role of wrongRoles(entry.access)) {
        const response = await page(path, acme[role]);
        expect(response.status, `${pattern} as acme's ${role}`).toBe(200);
        const text = await response.text();
        expect(text, `${pattern} as acme's ${role}`).toContain(FORBIDDEN);
        for (const marker of acmeData().filter((m) => !path.includes(m))) expect(text, `${pattern} as acme's ${role} shows ${marker}`).not.toContain(marker);
      }
    }
  });

  it("serve their rightful acme person", async () => {
    for (const { pattern, entry, path } of pageEntries()) {
      if (typeof entry.access === "object" && !isRoles(entry.access)) continue;
      const response = await page(path, rightful(entry.access, acme));
      expect(response.status, pattern).toBe(200);
      expect(await response.text(), pattern).not.toContain(FORBIDDEN);
    }
  });

  it("answer the other workspace 404 on acme's resources and show it nothing of acme's", async () => {
    for (const { pattern, entry, path } of pageEntries()) {
      if (typeof entry.access === "object" && !isRoles(entry.access)) continue;
      const response = await page(path, rightful(entry.access, globex));
      expect(response.status, `${pattern} for globex`).toBe(entry.resource ? 404 : 200);
      await expectNoAcmeData(response, `${pattern} for globex`, true, path);
    }
    for (const { pattern, entry, path } of pageEntries()) {
      if (!entry.ownerOnly) continue;
      const response = await page(path, bob);
      expect(response.status, `${pattern} as bob`).toBe(404);
      await expectNoAcmeData(response, `${pattern} as bob`, false, path);
    }
  });
});

// ---------------------------------------------------------------------------------------------

type ManifestEntry = { workers: Record<string, unknown>; filename: string; exportedName: string };

/** The built app's server actions (id → file and name, and the pages that carry them). */
function builtActions(): Map<string, { id: string; pages: string[] }> {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as { node: Record<string, ManifestEntry> };
  return new Map(
    Object.entries(manifest.node).map(([id, action]) => [`${action.filename}#${action.exportedName}`, { id, pages: Object.keys(action.workers) }]),
  );
}

/** The URL of a built page ("app/(chat)/c/[id]/page" → /c/<alice's conversation>). */
const pageUrl = (worker: string) => fill(urlPattern(`${worker}.tsx`), { resource: "conversation" });

function invokeAction(id: string, pagePath: string, args: unknown[], options: { cookie?: string; origin?: string } = {}) {
  return fetch(url(pagePath), {
    method: "POST",
    redirect: "manual",
    headers: {
      "next-action": id,
      "content-type": "text/plain;charset=UTF-8",
      accept: "text/x-component",
      origin: options.origin ?? ORIGIN(),
      ...(options.cookie && { cookie: options.cookie }),
    },
    body: JSON.stringify(args),
  });
}

describe("server actions", () => {
  it("check the session before touching a person's data (static: the guard is called in the function)", () => {
    for (const [key, entry] of Object.entries(ACTIONS)) {
      if (!entry.guard) continue;
      const [file, name] = key.split("#") as [string, string];
      expect(functionSource(file, name), `${key} calls ${entry.guard}()`).toMatch(new RegExp(`\\b${entry.guard}\\(`));
    }
  });

  it("are refused from another site, and the preferences action reaches no one's data without a session", async () => {
    const built = builtActions();
    // The theme action with "system", the default: alice's served request changes nothing other tests see.
    const preferences = built.get("app/preferences/actions.ts#chooseTheme");
    expect(preferences, "the built app carries the preferences action").toBeDefined();
    for (const [key, action] of built) {
      expect(Object.keys(ACTIONS), `the built action ${key} is in the inventory`).toContain(key);
      const response = await invokeAction(action.id, pageUrl(action.pages[0]!), ["system"], { cookie: acme.employee, origin: CROSS_SITE });
      expect(response.status, `${key} from ${CROSS_SITE}`).toBe(403);
    }
    // Without a session, a protected page carrying the action sends the caller to sign in: the action does not run.
    const protectedPage =
      preferences!.pages.find((worker) => worker === "app/(chat)/page") ?? preferences!.pages.find((worker) => !/\(auth\)|operator|\[/.test(worker));
    expect(protectedPage, "the preferences action is on a signed-in page").toBeDefined();
    const anonymous = await invokeAction(preferences!.id, pageUrl(protectedPage!), ["system"]);
    expect([307, 308], `chooseTheme on ${protectedPage} without a session`).toContain(anonymous.status);
    expect(new URL(anonymous.headers.get("location")!, url("")).pathname).toBe("/signin");
    // With alice's session the same request is served: the refusal above was the missing session's.
    const served = await invokeAction(preferences!.id, pageUrl(protectedPage!), ["system"], { cookie: acme.employee });
    expect(served.status).toBe(200);
    expect(served.headers.getSetCookie().some((cookie) => cookie.includes("=system"))).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------

describe("the session cookie", () => {
  const sessionCookie = (response: Response) => response.headers.getSetCookie().find((cookie) => /^(__Secure-)?authjs\.session-token=/.test(cookie));

  it("is HTTP-only and SameSite=Lax", async () => {
    const cookie = sessionCookie(await signInResponse(url(""), "acme", "alice@acme.test"));
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax/i);
    expect(cookie).toMatch(/;\s*Path=\//i);
  });

  it("is Secure (and __Secure- prefixed) behind HTTPS, as a TLS proxy announces it", async () => {
    const host = new URL(url("")).host;
    const response = await signInResponse(url(""), "acme", "alice@acme.test", DEMO_PASSWORD, { "x-forwarded-proto": "https", "x-forwarded-host": host });
    const cookie = sessionCookie(response);
    expect(cookie, `sign-in behind HTTPS: ${response.status} ${response.headers.get("location")}`).toMatch(/^__Secure-authjs\.session-token=/);
    expect(cookie).toMatch(/;\s*Secure/i);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax/i);
  });
});

// Last, since the pages above need them: the rightful admin and alice delete the test's group, document and conversation.
describe("the test's own resources", () => {
  it("are deleted by their rightful acme person", async () => {
    await expectServed((method) => method === "DELETE");
  });
});
