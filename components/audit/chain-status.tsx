import type { ChainVerification } from "@/lib/audit/verify";

/** The result of verifying the whole chain against its signed checkpoints, and where it breaks if it does. */
export function ChainStatus({ chain }: { chain: ChainVerification }) {
  return chain.ok ? (
    <p className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800" data-testid="chain-status">
      ✓ Hash chain verified: {chain.count} records, none altered or missing
      {chain.checkpointsChecked > 0 ? `, ${chain.checkpointsChecked} signed checkpoint${chain.checkpointsChecked === 1 ? "" : "s"} hold` : ""}
    </p>
  ) : (
    <div role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="chain-status">
      <p>✗ The decision log does not verify:</p>
      <ul className="list-disc pl-5">
        {chain.problems.map((problem) => (
          <li key={`${problem.kind}:${problem.seq}:${problem.message}`}>{problem.message}</li>
        ))}
      </ul>
    </div>
  );
}
