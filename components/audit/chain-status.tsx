import type { ChainCheck } from "@/lib/audit/records";

export function ChainStatus({ chain }: { chain: ChainCheck }) {
  return chain.ok ? (
    <p className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800" data-testid="chain-status">
      ✓ Hash chain verified: {chain.count} records, none altered or missing
    </p>
  ) : (
    <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="chain-status">
      ✗ Hash chain broken at record #{chain.brokenAtSeq}: {chain.reason}
    </p>
  );
}
