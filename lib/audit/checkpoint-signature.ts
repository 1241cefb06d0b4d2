import { createHash, sign, type KeyObject } from "node:crypto";
import { canonicalJson } from "@/lib/audit/chain";

/** A checkpoint as stored, exported and verified. */
export type SignedCheckpoint = {
  tenantId: string;
  seq: number;
  hash: string;
  reason: string;
  createdAt: Date | string;
  keyId: string;
  signature: string;
};

/** What a checkpoint's signature covers: the tenant, the record it names, that record's hash, why and when. */
export function checkpointPayload(checkpoint: Omit<SignedCheckpoint, "keyId" | "signature">): string {
  const { tenantId, seq, hash, reason } = checkpoint;
  return canonicalJson({ v: 1, tenantId, seq, hash, reason, createdAt: new Date(checkpoint.createdAt).toISOString() });
}

export function signCheckpoint(checkpoint: Omit<SignedCheckpoint, "keyId" | "signature">, privateKey: KeyObject, publicKey: KeyObject): SignedCheckpoint {
  return { ...checkpoint, keyId: keyIdOf(publicKey), signature: sign(null, Buffer.from(checkpointPayload(checkpoint)), privateKey).toString("base64") };
}

/** A short, stable name for a public key: the first 16 hex digits of the SHA-256 of its SPKI encoding. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash("sha256")
    .update(publicKey.export({ type: "spki", format: "der" }))
    .digest("hex")
    .slice(0, 16);
}
