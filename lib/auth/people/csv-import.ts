import "server-only";
import { createHash } from "node:crypto";
import Papa from "papaparse";
import { emailSchema, groupNameSchema, personNameSchema, roleSchema } from "@/lib/auth/people/fields";
import { changeMembers, createGroup } from "@/lib/auth/people/groups";
import { createPerson, updatePerson } from "@/lib/auth/people/people";
import type { AuthenticatedUser } from "@/lib/auth/user";
import { withTenant } from "@/lib/db/tenant";
import { LoreError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { decodeText } from "@/lib/ingest/parsers/decode-text";

/**
 * People and group memberships from a CSV file an HR system exports (columns email, name, role,
 * groups; groups separated by ";" or "|"). First a preview says what would change, row by row; then
 * the same plan, computed again from the database as it is, is applied through the people and group
 * functions, so every change lands in the admin activity log. Applying a file twice changes nothing
 * the second time. People the file does not name are left alone; when the file has a groups column,
 * the people it names end up in exactly the groups listed (an empty cell: in none).
 */
const SURFACE = "people-import";
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 5000;

// Header names as HR exports spell them, in English and Korean.
const COLUMNS = {
  email: ["email", "e-mail", "mail", "이메일", "메일"],
  name: ["name", "full name", "display name", "이름", "성명"],
  role: ["role", "역할", "권한"],
  groups: ["groups", "group", "그룹", "소속 그룹"],
} as const;
type Column = keyof typeof COLUMNS;

export type ImportRow = {
  /** the row's line in the file (the header is line 1) */
  line: number;
  email: string;
  action: "create" | "update" | "unchanged" | "error";
  error?: string;
  name?: { from: string | null; to: string };
  role?: { from: Role | null; to: Role };
  groupsAdded: string[];
  groupsRemoved: string[];
};

export type ImportPlan = {
  rows: ImportRow[];
  groupsToCreate: string[];
  summary: { create: number; update: number; unchanged: number; errors: number; roleChanges: number; membershipsAdded: number; membershipsRemoved: number };
  /** identifies this exact set of changes: applying refuses if the workspace changed since the preview */
  fingerprint: string;
};

export type ImportResult = { plan: ImportPlan; welcomeLinks: { email: string; welcomePath: string }[] };

type FileRow = { line: number; cells: Partial<Record<Column, string>> };

/** The file's rows by column; a file that cannot be read as a people list is refused as a whole. */
function readFile(bytes: Uint8Array): { rows: FileRow[]; hasGroups: boolean } {
  if (bytes.byteLength === 0) throw new LoreError("bad_request", SURFACE, "The file is empty.");
  if (bytes.byteLength > MAX_IMPORT_BYTES)
    throw new LoreError("payload_too_large", SURFACE, `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB; split it.`);
  const text = decodeText(bytes).replace(/^\uFEFF/, "");
  const { data, errors, meta } = Papa.parse<string[]>(text, { skipEmptyLines: "greedy" });
  const unterminated = errors.find((error) => error.code === "MissingQuotes");
  if (unterminated)
    throw new LoreError(
      "bad_request",
      SURFACE,
      `This is not valid CSV: a quoted field${unterminated.row === undefined ? "" : ` on line ${unterminated.row + 1}`} is never closed.`,
    );
  const [header, ...records] = data;
  const columnAt = new Map<number, Column>();
  (header ?? []).forEach((title, index) => {
    const known = (Object.keys(COLUMNS) as Column[]).find((column) => (COLUMNS[column] as readonly string[]).includes(title.trim().toLowerCase()));
    if (known && ![...columnAt.values()].includes(known)) columnAt.set(index, known);
  });
  if (![...columnAt.values()].includes("email")) {
    throw new LoreError(
      "bad_request",
      SURFACE,
      `The first line must name the columns, with at least "email" (also: name, role, groups); found ${JSON.stringify((header ?? []).join(meta.delimiter || ","))}.`,
    );
  }
  if (records.length > MAX_IMPORT_ROWS)
    throw new LoreError("bad_request", SURFACE, `The file has ${records.length} rows; import at most ${MAX_IMPORT_ROWS} at a time.`);
  // Lines are counted as the file's rows (a quoted cell spanning lines counts once), header first.
  const rows = records.map((record, index) => ({
    line: index + 2,
    cells: Object.fromEntries([...columnAt].map(([at, column]) => [column, (record[at] ?? "").trim()])),
  }));
  return { rows, hasGroups: [...columnAt.values()].includes("groups") };
}

const groupKey = (name: string) => name.toLowerCase();
const byName = (a: string, b: string) => a.localeCompare(b);

/** What importing the file would change in the admin's workspace; changes nothing. */
export async function previewImport(admin: AuthenticatedUser, bytes: Uint8Array): Promise<ImportPlan> {
  const { rows, hasGroups } = readFile(bytes);
  const { people, groups } = await withTenant(admin.tenantId, async (tx) => ({
    people: await tx.user.findMany({
      where: { tenantId: admin.tenantId },
      select: { id: true, email: true, name: true, role: true, memberships: { select: { group: { select: { name: true } } } } },
    }),
    groups: await tx.group.findMany({ where: { tenantId: admin.tenantId }, select: { name: true } }),
  }));
  const personByEmail = new Map(people.map((p) => [p.email, p]));
  const existingGroup = new Map(groups.map((g) => [groupKey(g.name), g.name]));
  const groupsToCreate = new Map<string, string>();
  const seenOn = new Map<string, number>();

  const planned = rows.map(({ line, cells }): ImportRow => {
    const failed = (email: string, error: string): ImportRow => ({ line, email, action: "error", error, groupsAdded: [], groupsRemoved: [] });
    const email = emailSchema.safeParse(cells.email ?? "");
    if (!email.success) return failed(cells.email ?? "", cells.email ? `"${cells.email}" is not an e-mail address.` : "The e-mail is missing.");
    if (seenOn.has(email.data)) return failed(email.data, `${email.data} is already on line ${seenOn.get(email.data)}; each person once.`);
    seenOn.set(email.data, line);
    const person = personByEmail.get(email.data);

    let name: string | undefined;
    if (cells.name) {
      const parsed = personNameSchema.safeParse(cells.name);
      if (!parsed.success) return failed(email.data, parsed.error.issues[0]!.message);
      name = parsed.data;
    } else if (!person) return failed(email.data, "A new person needs a name.");

    let role: Role | undefined;
    if (cells.role) {
      const parsed = roleSchema.safeParse(cells.role.toLowerCase());
      if (!parsed.success) return failed(email.data, `The role "${cells.role}" is not employee, admin or auditor.`);
      role = parsed.data;
    }
    if (person?.id === admin.id && role !== undefined && role !== "admin") {
      return failed(email.data, "You cannot remove your own admin role; ask another admin.");
    }

    let wanted: string[] | null = null;
    if (hasGroups) {
      const names = new Map<string, string>();
      for (const raw of (cells.groups ?? "")
        .split(/[;|]/)
        .map((g) => g.trim())
        .filter(Boolean)) {
        const parsed = groupNameSchema.safeParse(raw);
        if (!parsed.success) return failed(email.data, `Group "${raw.slice(0, 100)}": ${parsed.error.issues[0]!.message}`);
        names.set(groupKey(parsed.data), existingGroup.get(groupKey(parsed.data)) ?? groupsToCreate.get(groupKey(parsed.data)) ?? parsed.data);
      }
      wanted = [...names.values()];
    }
    const current = new Set((person?.memberships ?? []).map((m) => groupKey(m.group.name)));
    const groupsAdded = (wanted ?? []).filter((g) => !current.has(groupKey(g))).sort(byName);
    const groupsRemoved =
      wanted === null
        ? []
        : (person?.memberships ?? [])
            .map((m) => m.group.name)
            .filter((g) => !wanted.some((w) => groupKey(w) === groupKey(g)))
            .sort(byName);
    for (const group of groupsAdded) if (!existingGroup.has(groupKey(group))) groupsToCreate.set(groupKey(group), group);

    if (!person)
      return {
        line,
        email: email.data,
        action: "create",
        name: { from: null, to: name! },
        role: { from: null, to: role ?? "employee" },
        groupsAdded,
        groupsRemoved: [],
      };
    const changes: ImportRow = { line, email: email.data, action: "update", groupsAdded, groupsRemoved };
    if (name !== undefined && name !== person.name) changes.name = { from: person.name, to: name };
    if (role !== undefined && role !== person.role) changes.role = { from: person.role, to: role };
    return changes.name || changes.role || groupsAdded.length || groupsRemoved.length ? changes : { ...changes, action: "unchanged" };
  });

  const count = (action: ImportRow["action"]) => planned.filter((row) => row.action === action).length;
  const valid = planned.filter((row) => row.action === "create" || row.action === "update");
  const created = [...groupsToCreate.values()].sort(byName);
  return {
    rows: planned,
    groupsToCreate: created,
    summary: {
      create: count("create"),
      update: count("update"),
      unchanged: count("unchanged"),
      errors: count("error"),
      roleChanges: valid.filter((row) => row.action === "update" && row.role).length,
      membershipsAdded: valid.reduce((sum, row) => sum + row.groupsAdded.length, 0),
      membershipsRemoved: valid.reduce((sum, row) => sum + row.groupsRemoved.length, 0),
    },
    fingerprint: createHash("sha256")
      .update(JSON.stringify({ valid: valid.map(({ line: _, ...change }) => change), created }))
      .digest("base64url"),
  };
}

/**
 * Applies the file: the plan is computed again from the database as it is now and must be the one the
 * admin previewed (its fingerprint), so nobody applies changes they have not seen. Rows with errors
 * are skipped. Each step is one of the people or group functions, in its own transaction: if the
 * import stops half-way, applying the same file again finishes it.
 */
export async function applyImport(admin: AuthenticatedUser, bytes: Uint8Array, previewed: string): Promise<ImportResult> {
  const plan = await previewImport(admin, bytes);
  if (plan.fingerprint !== previewed) {
    throw new LoreError("unprocessable", SURFACE, "The workspace or the file changed since the preview. Preview the file again before applying it.");
  }
  const groupId = new Map<string, string>();
  for (const name of plan.groupsToCreate) groupId.set(groupKey(name), (await createGroup(admin, name)).id);
  const groups = await withTenant(admin.tenantId, (tx) => tx.group.findMany({ where: { tenantId: admin.tenantId }, select: { id: true, name: true } }));
  for (const group of groups) groupId.set(groupKey(group.name), group.id);
  const idOfGroup = (name: string) => groupId.get(groupKey(name))!;

  const welcomeLinks: ImportResult["welcomeLinks"] = [];
  const members = new Map<string, { add: string[]; remove: string[] }>();
  const membersOf = (group: string) => members.get(idOfGroup(group)) ?? members.set(idOfGroup(group), { add: [], remove: [] }).get(idOfGroup(group))!;
  const people = await withTenant(admin.tenantId, (tx) => tx.user.findMany({ where: { tenantId: admin.tenantId }, select: { id: true, email: true } }));
  const personId = new Map(people.map((p) => [p.email, p.id]));

  for (const row of plan.rows) {
    if (row.action === "create") {
      const { person, welcomePath } = await createPerson(admin, {
        email: row.email,
        name: row.name!.to,
        role: row.role!.to,
        groupIds: row.groupsAdded.map(idOfGroup),
      });
      welcomeLinks.push({ email: person.email, welcomePath });
    } else if (row.action === "update") {
      const id = personId.get(row.email)!;
      if (row.name || row.role) await updatePerson(admin, id, { name: row.name?.to, role: row.role?.to });
      for (const group of row.groupsAdded) membersOf(group).add.push(id);
      for (const group of row.groupsRemoved) membersOf(group).remove.push(id);
    }
  }
  // One change per group, as the people page's bulk actions make them: one log entry naming everyone added and removed.
  for (const [id, change] of members) await changeMembers(admin, id, change);
  return { plan, welcomeLinks };
}
