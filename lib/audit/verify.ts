import { verify as verifySignature, type KeyObject } from "node:crypto";
import { chainHash, GENESIS_HASH, hashedContent } from "@/lib/audit/chain";
import { checkpointPayload, keyIdOf, type SignedCheckpoint } from "@/lib/audit/checkpoint-signature";

/** A record as the verifier needs it: every field its hash covers, and the stored hash. */
export type ChainRecord = { seq: number; hash: string; prevHash: string; createdAt: Date | string } & Record<string, unknown>;

export type ChainProblem = {
  kind: "missing" | "changed" | "relinked" | "reordered" | "tail_missing" | "rewritten" | "checkpoint_forged" | "checkpoint_unknown_key";
  /** the record (or the checkpoint's record) it concerns */
  seq: number;
  message: string;
};

export type ChainVerification = {
  ok: boolean;
  /** records read */
  count: number;
  firstSeq: number | null;
  lastSeq: number | null;
  /** records up to this one were not read: purged behind a signed purge checkpoint, or before the checkpoint verification started from (0: none) */
  purgedThrough: number;
  checkpointsChecked: number;
  problems: ChainProblem[];
};

/** The first record where a log that does not verify breaks (a checkpoint's problem names the record it states). */
export function firstBrokenSeq(verification: Pick<ChainVerification, "problems">): number {
  return Math.min(...verification.problems.map((p) => p.seq));
}

const MAX_PROBLEMS = 50;

/**
 * Verifies a tenant's decision log, record by record as they stream in (so a million records need
 * not be held in memory), against its signed checkpoints:
 *  - each record's hash must match its content, and link to the hash before it (an edit, an insert,
 *    a removal or a reordering in the middle is named where it is);
 *  - each checkpoint must be signed by the trusted key, and the record it names must be there with
 *    the hash it states: records deleted from the end, or a chain recomputed after an edit, show up
 *    against a checkpoint written before;
 *  - purged records are accepted only behind a signed purge checkpoint, whose hash the first remaining
 *    record must link to.
 * Checkpoints must be given up front; records in `seq` order, through `add`.
 */
export class ChainVerifier {
  private readonly trustedKeyId: string;
  private readonly valid: SignedCheckpoint[] = [];
  private readonly problems: ChainProblem[] = [];
  private readonly hashAt = new Map<number, string>();
  private expectedSeq: number | null = null;
  private prevHash = GENESIS_HASH;
  private pending: ChainRecord | null = null;
  private count = 0;
  private firstSeq: number | null = null;
  private lastSeq: number | null = null;
  /** The first record's link is taken as stored: it points before where this verification starts. */
  private firstLinkGiven = false;
  /** Records after this seq are to be fed (see `from`). */
  readonly startsAfter: number = 0;

  /**
   * `from`, one of the checkpoints, starts the verification at the record it names instead of the
   * beginning (what a new checkpoint vouches for is only what came after the last one). That record
   * is read too, so an edit to it shows (its hash must still be the one the checkpoint signed); only
   * its link to the record before it, which the earlier checkpoints vouch for, is taken as stored.
   */
  constructor(
    private readonly tenantId: string,
    checkpoints: SignedCheckpoint[],
    private readonly trustedKey: KeyObject,
    from?: SignedCheckpoint,
  ) {
    this.trustedKeyId = keyIdOf(trustedKey);
    for (const checkpoint of [...checkpoints].sort((a, b) => a.seq - b.seq)) {
      const when = describeWhen(checkpoint.createdAt);
      if (checkpoint.keyId !== this.trustedKeyId) {
        this.report({
          kind: "checkpoint_unknown_key",
          seq: checkpoint.seq,
          message: `The checkpoint of ${when} (record #${checkpoint.seq}) was signed by another key (${checkpoint.keyId}), not this deployment's (${this.trustedKeyId}).`,
        });
      } else if (!this.signatureHolds(checkpoint)) {
        this.report({
          kind: "checkpoint_forged",
          seq: checkpoint.seq,
          message: `The checkpoint of ${when} (record #${checkpoint.seq}) is forged: its signature does not match what it states.`,
        });
      } else {
        this.valid.push(checkpoint);
      }
    }
    const start = from && this.valid.includes(from) ? from : this.valid.filter((c) => c.reason === "purge").at(-1);
    // A purge's checkpoint names a record that is gone, and one signed on an empty log (#0) names none.
    if (start && (start.reason === "purge" || start.seq === 0)) {
      this.startsAfter = start.seq;
      this.prevHash = start.hash;
    } else if (start) {
      this.startsAfter = start.seq - 1;
      this.firstLinkGiven = true;
    }
  }

  /** The next record, in seq order. */
  add(record: ChainRecord): void {
    // One record is held back, so that a broken link can be told apart from two records swapped.
    if (this.pending) this.check(this.pending, record);
    this.pending = record;
  }

  finish(): ChainVerification {
    if (this.pending) this.check(this.pending, null);
    this.pending = null;
    for (const checkpoint of this.valid) {
      const when = describeWhen(checkpoint.createdAt);
      if (checkpoint.seq === 0 || checkpoint.seq <= this.startsAfter) continue;
      if (this.lastSeq === null || checkpoint.seq > this.lastSeq) {
        this.report({
          kind: "tail_missing",
          seq: checkpoint.seq,
          message: `The newest records are missing: the checkpoint of ${when} covers records up to #${checkpoint.seq}, but the log ends at ${this.lastSeq === null ? "no record at all" : `#${this.lastSeq}`}.`,
        });
      } else if (this.hashAt.has(checkpoint.seq) && this.hashAt.get(checkpoint.seq) !== checkpoint.hash) {
        this.report({
          kind: "rewritten",
          seq: checkpoint.seq,
          message: `Record #${checkpoint.seq} is not the one the checkpoint of ${when} signed: the log was rewritten after that checkpoint.`,
        });
      }
    }
    return {
      ok: this.problems.length === 0,
      count: this.count,
      firstSeq: this.firstSeq,
      lastSeq: this.lastSeq,
      purgedThrough: this.startsAfter,
      checkpointsChecked: this.valid.length,
      problems: this.problems,
    };
  }

  private check(record: ChainRecord, next: ChainRecord | null): void {
    this.count++;
    this.firstSeq ??= record.seq;
    this.lastSeq = record.seq;
    if (this.valid.some((c) => c.seq === record.seq)) this.hashAt.set(record.seq, record.hash);
    const expected = this.expectedSeq ?? this.startsAfter + 1;
    if (record.seq > expected) {
      this.report({
        kind: "missing",
        seq: expected,
        message: record.seq - expected === 1 ? `Record #${expected} is missing.` : `Records #${expected} to #${record.seq - 1} are missing.`,
      });
    }
    const { hash, ...content } = record;
    const contentHolds = chainHash(record.prevHash, hashedContent(content)) === hash;
    const linkHolds = this.firstLinkGiven || record.prevHash === this.prevHash;
    this.firstLinkGiven = false;
    if (!linkHolds && next && next.hash === record.prevHash) {
      this.report({
        kind: "reordered",
        seq: record.seq,
        message: `Records #${record.seq} and #${next.seq} are in the wrong order: each links to where the other belongs.`,
      });
    } else if (!contentHolds) {
      this.report({
        kind: "changed",
        seq: record.seq,
        message: `Record #${record.seq} was changed after it was written: its content no longer matches its hash.`,
      });
    } else if (!linkHolds && !this.problems.some((p) => p.kind === "reordered" && p.seq + 1 === record.seq)) {
      this.report({
        kind: "relinked",
        seq: record.seq,
        message: `Record #${record.seq} does not link to the record before it: records were removed, inserted or replaced there.`,
      });
    }
    // Carry on from what is stored, so that one damaged record does not mark every later one.
    this.prevHash = hash;
    this.expectedSeq = record.seq + 1;
  }

  private signatureHolds(checkpoint: SignedCheckpoint): boolean {
    if (checkpoint.tenantId !== this.tenantId) return false;
    try {
      return verifySignature(null, Buffer.from(checkpointPayload(checkpoint)), this.trustedKey, Buffer.from(checkpoint.signature, "base64"));
    } catch {
      return false;
    }
  }

  private report(problem: ChainProblem): void {
    if (this.problems.length < MAX_PROBLEMS) this.problems.push(problem);
  }
}

function describeWhen(createdAt: Date | string): string {
  return `${new Date(createdAt).toISOString().replace("T", " ").slice(0, 19)} UTC`;
}
