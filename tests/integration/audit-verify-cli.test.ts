import { spawn } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkpointFile } from "@/lib/audit/checkpoint-file";
import { listCheckpoints, writeCheckpoint } from "@/lib/audit/checkpoints";
import { purgeExpiredRecords } from "@/lib/audit/purge";
import { appendDecisionRecord } from "@/lib/audit/records";
import { auditSigningKey } from "@/lib/audit/signing-key";
import { withTenant } from "@/lib/db/tenant";
import { migratedDatabase, withAuditGuardsOff } from "@/tests/support/database";
import { decisionDraft } from "@/tests/support/decision-draft";
import { createTenant } from "@/tests/support/fixtures";
import { writeSyntheticDecisions } from "@/tests/support/synthetic-decisions";

// Issue 9 point 4: `npm run audit:verify -- --tenant <slug> [--checkpoint <file>]` re-checks a
// workspace's log offline, against the database's checkpoints and against checkpoint files kept
// elsewhere. This file's database lives in a directory, so the command (another process) can open it.
const dir = mkdtempSync(path.join(tmpdir(), "lore-audit-verify-"));
process.env.PGLITE_DIR = path.join(dir, "pglite");
const checkpointPath = path.join(dir, "cut-checkpoint.json");
const otherKeyPath = path.join(dir, "other-key.pem");

function verifyCommand(...args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "scripts/audit-verify.ts", ...args], {
      // The same database as this file's: the directory below, or its Postgres copy (with its signing key).
      env: { ...process.env, LOG_LEVEL: "silent" },
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => resolve({ code, output }));
  });
}

async function logOf(slug: string, count: number) {
  const tenant = await createTenant(slug, [], [{ key: "employee", role: "employee", groups: [] }]);
  const user = tenant.users.employee!;
  for (let i = 1; i <= count; i++) {
    await appendDecisionRecord(decisionDraft(user, { question: `question ${i}`, answer: `answer ${i}` }));
  }
  await withTenant(user.tenantId, (tx) => writeCheckpoint(tx, user.tenantId, "on_demand"));
  return user.tenantId;
}

beforeAll(async () => {
  const db = await migratedDatabase();
  await logOf("intact", 5);
  const cut = await logOf("cut", 6);
  const edited = await logOf("edited", 4);
  // A log whose three oldest records, four years old, were purged.
  const { tenant: purged, users } = await createTenant("purged", [], [{ key: "admin", role: "admin", groups: [] }]);
  const old = Date.now() - 4 * 365 * 86_400_000;
  await writeSyntheticDecisions(purged.id, [users.admin!], { count: 3, from: new Date(old), to: new Date(old + 60_000) });
  for (const question of ["kept one", "kept two"]) await appendDecisionRecord(decisionDraft(users.admin!, { question }));
  expect(await purgeExpiredRecords(purged.id, users.admin!, "on_demand")).toMatchObject({ records: 3 });
  // The auditor kept the latest checkpoint of "cut" outside the database.
  const [kept] = (await withTenant(cut, (tx) => listCheckpoints(tx, cut))).slice(-1);
  writeFileSync(checkpointPath, JSON.stringify(checkpointFile(kept!, "cut", auditSigningKey().publicKey.export({ type: "spki", format: "pem" }).toString())));
  writeFileSync(otherKeyPath, generateKeyPairSync("ed25519").publicKey.export({ type: "spki", format: "pem" }).toString());
  // A superuser removes the newest records of "cut" with every checkpoint, and edits one of "edited".
  await withAuditGuardsOff(
    cut,
    `DELETE FROM decision_records WHERE tenant_id = '${cut}' AND seq > 4; DELETE FROM audit_checkpoints WHERE tenant_id = '${cut}'`,
  );
  await withAuditGuardsOff(edited, `UPDATE decision_records SET answer = 'not what was said' WHERE tenant_id = '${edited}' AND seq = 2`);
  // One process may open the data directory at a time: the command's turn.
  await db.close();
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("npm run audit:verify", () => {
  it("verifies an intact workspace", async () => {
    const { code, output } = await verifyCommand("--tenant", "intact");
    expect(output).toContain("✓ intact: 5 records (#1 to #5) verified against 1 signed checkpoint(s).");
    expect(code).toBe(0);
  });

  it("verifies a workspace after a purge, from the purge's signed boundary", async () => {
    const { code, output } = await verifyCommand("--tenant", "purged");
    expect(output).toContain("✓ purged: 2 records (#4 to #5) verified against 1 signed checkpoint(s); records up to #3 were purged.");
    expect(code).toBe(0);
  });

  it("names an edited record", async () => {
    const { code, output } = await verifyCommand("--tenant", "edited");
    expect(output).toContain("Record #2 was changed after it was written");
    expect(code).toBe(1);
  });

  it("shows records deleted with their checkpoints, given a checkpoint file kept elsewhere", async () => {
    expect((await verifyCommand("--tenant", "cut")).code).toBe(0);
    const { code, output } = await verifyCommand("--tenant", "cut", "--checkpoint", checkpointPath);
    expect(output).toMatch(/The newest records are missing: the checkpoint of .* covers records up to #6, but the log ends at #4\./);
    expect(code).toBe(1);
  });

  it("refuses checkpoints a key other than the trusted one signed, and says when it cannot run", async () => {
    const other = await verifyCommand("--tenant", "intact", "--public-key", otherKeyPath);
    expect(other.output).toMatch(/signed by another key/);
    expect(other.code).toBe(1);
    const unknown = await verifyCommand("--tenant", "nobody");
    expect(unknown.output).toContain('There is no workspace "nobody".');
    expect(unknown.code).toBe(2);
  });
}, 180_000);
