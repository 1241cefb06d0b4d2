import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migratedDatabase } from "@/tests/support/database";

// Issue 7 point 3: `npm run workspace -- create|list` as an operator runs it, in a process of its own.
// This file's database lives in a directory, so the command (another process) can open it; it stays
// closed here while the commands run (one process may open an embedded data directory at a time).
const dir = mkdtempSync(path.join(tmpdir(), "lore-workspace-cli-"));
process.env.PGLITE_DIR = path.join(dir, "pglite");

function workspaceCommand(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "scripts/workspace.ts", ...args], {
      env: { ...process.env, LOG_LEVEL: "silent" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  // The commands find an up-to-date database, as they would after the first `npm start`.
  await (await migratedDatabase()).close();
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("npm run workspace", () => {
  it("creates a workspace and prints its admin's one-time link, then refuses the same slug again", async () => {
    const created = await workspaceCommand("create", "hooli", "--name", "Hooli 코리아", "--admin", "Gavin@Hooli.test", "--admin-name", "Gavin Belson");
    expect(created.stderr).toBe("");
    expect(created.stdout).toContain('Created workspace "hooli" (Hooli 코리아) with its admin gavin@hooli.test.');
    expect(created.stdout).toMatch(/^ {2}\/welcome\?workspace=hooli&token=[\w-]{43}$/m);
    expect(created.code).toBe(0);

    const again = await workspaceCommand("create", "hooli", "--name", "Hooli", "--admin", "other@hooli.test");
    expect(again.stderr).toContain('A workspace "hooli" already exists; nothing was changed. Choose another slug.');
    expect(again.code).toBe(1);

    const listed = await workspaceCommand("list");
    expect(listed.stdout.trim().split("\n")).toEqual([expect.stringMatching(/^hooli\tHooli 코리아\t1 person\tadmins: gavin@hooli\.test\tcreated \d{4}-/)]);
    expect(listed.code).toBe(0);
  });

  it("says what is wrong with a bad slug or e-mail, and how to call it", async () => {
    const slug = await workspaceCommand("create", "Bad Slug", "--name", "X", "--admin", "a@x.test");
    expect(slug.stderr).toMatch(/A workspace slug uses lower-case letters a-z/);
    expect(slug.code).toBe(1);
    const email = await workspaceCommand("create", "fine", "--name", "X", "--admin", "nobody");
    expect(email.stderr).toContain("This is not an e-mail address.");
    expect(email.code).toBe(1);
    const usage = await workspaceCommand("create", "fine", "--name", "X");
    expect(usage.stderr).toContain("usage: npm run workspace -- create <slug>");
    expect(usage.code).toBe(2);
    expect((await workspaceCommand("list")).stdout).not.toContain("fine");
  });
}, 180_000);
