import { createPrivateKey, createPublicKey, verify } from "node:crypto";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { GENESIS_HASH } from "@/lib/audit/chain";
import { checkpointFile } from "@/lib/audit/checkpoint-file";
import { checkpointPayload, signCheckpoint, type SignedCheckpoint } from "@/lib/audit/checkpoint-signature";
import { csvLines } from "@/lib/audit/export";

// A fixed Ed25519 key (PKCS#8 of a 32-byte seed): its signatures are the same on every run.
const privateKey = createPrivateKey({
  key: Buffer.concat([Buffer.from("302e020100300506032b657004220420", "hex"), Buffer.alloc(32, 7)]),
  format: "der",
  type: "pkcs8",
});
const publicKey = createPublicKey(privateKey);

/** The first checkpoint, counting up from record #1, whose signature starts with "+": what a spreadsheet reads as a formula. */
function checkpointSignedWithPlus(): SignedCheckpoint {
  for (let seq = 1; ; seq++) {
    const checkpoint = signCheckpoint(
      { tenantId: "00000000-0000-4000-8000-000000000001", seq, hash: GENESIS_HASH, reason: "export", createdAt: "2026-12-01T00:00:00.000Z" },
      privateKey,
      publicKey,
    );
    if (checkpoint.signature.startsWith("+")) return checkpoint;
  }
}

describe("the CSV export's checkpoint row", () => {
  it("keeps a signature that starts with '+' exactly as signed, so that it still verifies", () => {
    const checkpoint = checkpointSignedWithPlus();
    expect(checkpoint.signature).toMatch(/^\+.*=$/);
    const pem = publicKey.export({ type: "spki", format: "pem" }).toString();
    const { data } = Papa.parse<Record<string, string>>(csvLines(checkpointFile(checkpoint, "acme", pem)).head, { header: true, skipEmptyLines: true });
    expect(data[0]).toMatchObject({ kind: "checkpoint", seq: String(checkpoint.seq), key_id: checkpoint.keyId });
    expect(data[0]!.signature).toBe(checkpoint.signature);
    expect(verify(null, Buffer.from(checkpointPayload(checkpoint)), publicKey, Buffer.from(data[0]!.signature!, "base64"))).toBe(true);
  });
});
