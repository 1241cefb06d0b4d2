import Link from "next/link";
import { CONSOLE_MESSAGES, utc } from "@/components/audit/console-messages";
import type { AuditLocale } from "@/components/audit/messages";
import type { SignedCheckpoint } from "@/lib/audit/checkpoint-signature";
import type { ChainVerification } from "@/lib/audit/verify";

/**
 * The result of verifying the chain, and where it breaks if it does: either the whole log against
 * its signed checkpoints, or (`since`, the console's quick check) the records after the newest one.
 */
export function ChainStatus({ chain, locale, since }: { chain: ChainVerification; locale: AuditLocale; since?: SignedCheckpoint | null }) {
  const t = CONSOLE_MESSAGES[locale].chain;
  const quick = since !== undefined;
  return chain.ok ? (
    <div className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800" data-testid="chain-status">
      <p>{quick ? t.recentOk(chain.count, since ? { seq: since.seq, at: utc(since.createdAt) } : null) : t.fullOk(chain.count, chain.checkpointsChecked)}</p>
      {!quick && chain.purgedThrough > 0 && <p>{t.purged(chain.purgedThrough)}</p>}
      {quick && (
        <Link href="/audit/integrity" className="text-emerald-900 underline">
          {t.verifyAll}
        </Link>
      )}
    </div>
  ) : (
    <div role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="chain-status">
      <p>{t.broken}</p>
      <ul className="list-disc pl-5">
        {chain.problems.map((problem) => (
          <li key={`${problem.kind}:${problem.seq}:${problem.message}`}>{problem.message}</li>
        ))}
      </ul>
    </div>
  );
}
