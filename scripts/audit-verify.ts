// npm run audit:verify -- --tenant <slug> [--checkpoint <file>]... [--public-key <file>]
//
// Re-checks every decision record of a workspace (content hashes and links) against its signed
// checkpoints, offline: no app server needed. A checkpoint file exported earlier (from the audit
// console or with an export) also catches records deleted together with the database's checkpoints.
// The checkpoints must be signed by this deployment's key (AUDIT_SIGNING_KEY, or the embedded
// deployment's key file), or by the key in --public-key (a PEM). Exit code 0: verified; 1: problems
// found (each named); 2: the command could not run. With the embedded database, stop the app first:
// one process may open its data directory at a time.
import { createPublicKey, type KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { checkpointFileSchema } from "@/lib/audit/checkpoint-file";
import { verifyDecisionLog } from "@/lib/audit/checkpoints";
import { existingAuditPublicKey } from "@/lib/audit/signing-key";
import { findTenant } from "@/lib/auth/tenants";
import { closeDatabase } from "@/lib/db/system";

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { tenant: { type: "string" }, checkpoint: { type: "string", multiple: true }, "public-key": { type: "string" } } });
  if (!values.tenant) {
    console.error("usage: npm run audit:verify -- --tenant <slug> [--checkpoint <file>]... [--public-key <file>]");
    return 2;
  }
  const publicKey: KeyObject | null = values["public-key"] ? createPublicKey(readFileSync(values["public-key"], "utf8")) : existingAuditPublicKey();
  if (!publicKey) {
    console.error("No key to verify checkpoints with: set AUDIT_SIGNING_KEY as the app has it, or pass --public-key <file>.");
    return 2;
  }
  const tenant = await findTenant({ slug: values.tenant });
  if (!tenant) {
    console.error(`There is no workspace "${values.tenant}".`);
    return 2;
  }
  const extra = (values.checkpoint ?? []).map((file) => checkpointFileSchema.parse(JSON.parse(readFileSync(file, "utf8"))));
  const foreign = extra.find((c) => c.tenantId !== tenant.id);
  if (foreign) {
    console.error(`That checkpoint file is for another workspace (${foreign.tenantSlug}).`);
    return 2;
  }
  const result = await verifyDecisionLog(tenant.id, { extra, publicKey });
  const span = result.count === 0 ? "no records" : `${result.count} records (#${result.firstSeq} to #${result.lastSeq})`;
  if (result.ok) {
    console.log(
      `✓ ${tenant.slug}: ${span} verified against ${result.checkpointsChecked} signed checkpoint(s)${result.purgedThrough ? `; records up to #${result.purgedThrough} were purged` : ""}.`,
    );
    return 0;
  }
  console.log(`✗ ${tenant.slug}: ${span} read; the decision log does not verify:`);
  for (const problem of result.problems) console.log(`  - ${problem.message}`);
  return 1;
}

let code = 2;
try {
  code = await main();
} catch (error) {
  console.error(`audit:verify could not run: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  await closeDatabase();
}
process.exit(code);
