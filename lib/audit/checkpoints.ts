import "server-only";
import type { KeyObject } from "node:crypto";
import { GENESIS_HASH } from "@/lib/audit/chain";
import { signCheckpoint, type SignedCheckpoint } from "@/lib/audit/checkpoint-signature";
import { auditSigningKey } from "@/lib/audit/signing-key";
import { lockedChainHead } from "@/lib/audit/records";
import { ChainVerifier, type ChainRecord, type ChainVerification } from "@/lib/audit/verify";
import { systemDatabase } from "@/lib/db/system";
import { withTenant, type TenantTx } from "@/lib/db/tenant";
import { LoreError } from "@/lib/errors";
import { errorForLog } from "@/lib/audit/personal-data";
import { logger } from "@/lib/log";

export type CheckpointReason = "scheduled" | "on_demand" | "export" | "purge";

/**
 * Signs the tenant's chain head (or a purge's boundary), in the caller's tenant transaction. The log is locked against
 * appends meanwhile, and the records since the previous checkpoint are verified first: a checkpoint
 * vouches for what it covers, so a broken chain is refused a signature (and the refusal says where).
 */
export async function writeCheckpoint(
  tx: TenantTx,
  tenantId: string,
  reason: CheckpointReason,
  boundary?: { seq: number; hash: string },
): Promise<SignedCheckpoint> {
  const attempt = await signCheckpointIfVerified(tx, tenantId, reason, boundary);
  if (!attempt.signed)
    throw new LoreError("unprocessable", "audit", `The decision log does not verify, so it was not signed: ${attempt.verification.problems[0]?.message}`);
  return attempt.signed;
}

/** A checkpoint signed, or (the records since the last one do not verify) the verification that refused it. */
export type CheckpointAttempt = { head: { seq: number; hash: string }; verification: ChainVerification } & ({ signed: SignedCheckpoint } | { signed: null });

/**
 * writeCheckpoint's work without its refusal: locks the log, verifies the records since the last
 * checkpoint and signs the head only if they verify. Either way it says which head it looked at, so
 * an export can still hand over the records of a broken log, saying so (lib/audit/export.ts).
 */
export async function signCheckpointIfVerified(
  tx: TenantTx,
  tenantId: string,
  reason: CheckpointReason,
  boundary?: { seq: number; hash: string },
): Promise<CheckpointAttempt> {
  const locked = await lockedChainHead(tx, tenantId);
  // A purge signs the last record it removes (`boundary`), which the first record it keeps links to.
  const head = boundary ?? locked ?? { seq: 0, hash: GENESIS_HASH };
  const verification = await verifySince(tx, tenantId);
  if (!verification.ok) return { head, verification, signed: null };
  const { privateKey, publicKey } = auditSigningKey();
  const checkpoint = signCheckpoint({ tenantId, seq: head.seq, hash: head.hash, reason, createdAt: new Date() }, privateKey, publicKey);
  await tx.auditCheckpoint.create({ data: { ...checkpoint, createdAt: new Date(checkpoint.createdAt) } });
  return { head, verification, signed: checkpoint };
}

export async function listCheckpoints(tx: TenantTx, tenantId: string): Promise<SignedCheckpoint[]> {
  return tx.auditCheckpoint.findMany({
    where: { tenantId },
    orderBy: { seq: "asc" },
    select: { tenantId: true, seq: true, hash: true, reason: true, createdAt: true, keyId: true, signature: true },
  });
}

const BATCH = 2_000;

/** Feeds the records the verifier starts after to it in batches of BATCH, so a long log is never held in memory. */
async function feedRecords(verifier: ChainVerifier, read: (after: number) => Promise<ChainRecord[]>): Promise<ChainVerification> {
  let after = verifier.startsAfter;
  for (;;) {
    const batch = await read(after);
    for (const record of batch) verifier.add(record);
    if (batch.length < BATCH) return verifier.finish();
    after = batch.at(-1)!.seq;
  }
}

const recordsAfter = (tx: TenantTx, tenantId: string, after: number, through?: number) =>
  tx.decisionRecord.findMany({
    where: { tenantId, seq: { gt: after, ...(through === undefined ? {} : { lte: through }) } },
    orderBy: { seq: "asc" },
    take: BATCH,
  });

/**
 * Verifies the tenant's whole log against its checkpoints, reading the records in batches, each in a
 * short transaction of its own. `extra` adds checkpoints kept elsewhere (an exported file), which
 * catch deletions the database's own checkpoints cannot if those were deleted too. `publicKey` is the
 * key trusted to have signed them (this deployment's by default).
 */
export async function verifyDecisionLog(tenantId: string, options: { extra?: SignedCheckpoint[]; publicKey?: KeyObject } = {}): Promise<ChainVerification> {
  const checkpoints = [...(await withTenant(tenantId, (tx) => listCheckpoints(tx, tenantId))), ...(options.extra ?? [])];
  const verifier = new ChainVerifier(tenantId, checkpoints, options.publicKey ?? auditSigningKey().publicKey);
  return feedRecords(verifier, (after) => withTenant(tenantId, (tx) => recordsAfter(tx, tenantId, after)));
}

/**
 * Verifies what the newest signed checkpoint does not yet vouch for: the records written since (all
 * of them if there is none), and every checkpoint's signature. What the console shows on each visit;
 * the whole log is verified on request (verifyDecisionLog) and by `npm run audit:verify`.
 */
export async function verifyRecentRecords(tenantId: string): Promise<ChainVerification & { since: SignedCheckpoint | null }> {
  return withTenant(tenantId, async (tx) => {
    const since = (await listCheckpoints(tx, tenantId)).at(-1) ?? null;
    return { ...(await verifySince(tx, tenantId)), since };
  });
}

/** Verifies the records since the newest checkpoint (all of them if there is none): what a new checkpoint would vouch for. */
async function verifySince(tx: TenantTx, tenantId: string): Promise<ChainVerification> {
  const checkpoints = await listCheckpoints(tx, tenantId);
  const from = checkpoints.at(-1);
  const verifier = new ChainVerifier(tenantId, checkpoints, auditSigningKey().publicKey, from);
  return feedRecords(verifier, (after) => recordsAfter(tx, tenantId, after));
}

/**
 * Verifies the records through `through` (from the last purge boundary on) against the checkpoints
 * that cover them: what a purge is about to remove, so that a purge never removes the evidence of
 * tampering along with the records.
 */
export async function verifyThrough(tx: TenantTx, tenantId: string, through: number): Promise<ChainVerification> {
  const checkpoints = (await listCheckpoints(tx, tenantId)).filter((c) => c.seq <= through);
  const verifier = new ChainVerifier(tenantId, checkpoints, auditSigningKey().publicKey);
  return feedRecords(verifier, (after) => recordsAfter(tx, tenantId, after, through));
}

/** Signs every tenant's chain head that moved since its last checkpoint. Returns how many it signed. */
export async function writeScheduledCheckpoints(): Promise<number> {
  // Which tenants exist is the one cross-tenant read; the signing is per tenant.
  const tenants = await systemDatabase("tenant-directory").prisma.tenant.findMany({ select: { id: true } });
  let written = 0;
  for (const { id } of tenants) {
    try {
      written += await withTenant(id, async (tx) => {
        const [head, last] = [
          await tx.decisionRecord.findFirst({ where: { tenantId: id }, orderBy: { seq: "desc" }, select: { seq: true } }),
          await tx.auditCheckpoint.findFirst({ where: { tenantId: id }, orderBy: { seq: "desc" }, select: { seq: true } }),
        ];
        if (!head || (last && last.seq >= head.seq)) return 0;
        await writeCheckpoint(tx, id, "scheduled");
        return 1;
      });
    } catch (error) {
      logger().error({ failure: errorForLog(error), tenantId: id }, "audit: could not write a scheduled checkpoint");
    }
  }
  return written;
}
