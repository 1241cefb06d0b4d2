import { z } from "zod";
import type { SignedCheckpoint } from "@/lib/audit/checkpoint-signature";

/**
 * A checkpoint as a file an auditor keeps outside the database: what was signed, the signature, and
 * (for a reader's convenience, not trusted by the verifier) the workspace's slug and the public key.
 */
export const checkpointFileSchema = z.object({
  tenantId: z.uuid(),
  tenantSlug: z.string(),
  seq: z.number().int().min(0),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  reason: z.string(),
  createdAt: z.string(),
  keyId: z.string(),
  signature: z.string(),
  publicKey: z.string(),
});

export type CheckpointFile = z.infer<typeof checkpointFileSchema>;

export function checkpointFile(checkpoint: SignedCheckpoint, tenantSlug: string, publicKeyPem: string): CheckpointFile {
  return { ...checkpoint, tenantSlug, createdAt: new Date(checkpoint.createdAt).toISOString(), publicKey: publicKeyPem };
}
