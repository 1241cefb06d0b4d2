import "server-only";
import type { TenantTx } from "@/lib/db/tenant";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Verdict } from "@/lib/guardrails/verdicts";

/** What is known of a turn when it begins: enough to close it with a record if it never ends. */
export type PendingTurnDraft = {
  id: string;
  tenantId: string;
  userId: string;
  userEmail: string;
  conversationId: string;
  /** already redacted for storage */
  question: string;
  mode: string;
  model: string;
  promptVersion: string;
  policyVersion: number | null;
  verdicts: Verdict[];
  reservedTokens: number;
  requestId: string | null;
  startedAt: Date;
  deadline: Date;
};

/** Notes a turn as begun, in the transaction that admits it and stores its question. */
export async function openPendingTurn(tx: TenantTx, turn: PendingTurnDraft): Promise<void> {
  await tx.pendingTurn.create({ data: { ...turn, verdicts: turn.verdicts as unknown as Prisma.InputJsonArray } });
}

/**
 * Takes a turn off the pending list, in the transaction that records it. Returns false when it was
 * no longer there: the sweeper closed it as incomplete first, and the turn must not be recorded twice.
 */
export async function closePendingTurn(tx: TenantTx, id: string): Promise<boolean> {
  const { count } = await tx.pendingTurn.deleteMany({ where: { id } });
  return count === 1;
}
